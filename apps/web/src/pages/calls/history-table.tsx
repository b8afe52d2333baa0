import { Anchor, Badge, Rating, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { CallSummary } from "../../lib/api-types.ts";
import { formatDateTime, formatDuration, formatUsd } from "../../lib/format.ts";
import { DIRECTION_LABELS, engineLabel, STATUS_COLORS, STATUS_LABELS } from "../../lib/labels.ts";

export function HistoryTable({ calls }: { calls: CallSummary[] }) {
  return (
    <Table striped highlightOnHover withTableBorder verticalSpacing="xs" data-testid="history-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>開始日時</Table.Th>
          <Table.Th>発信元</Table.Th>
          <Table.Th>エージェント</Table.Th>
          <Table.Th>エンジン</Table.Th>
          <Table.Th>状態</Table.Th>
          <Table.Th ta="right">通話時間</Table.Th>
          <Table.Th ta="right">費用</Table.Th>
          <Table.Th>評価</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {calls.map((call) => (
          <Table.Tr key={call.id}>
            <Table.Td>
              <Anchor component={Link} to={`/calls/${call.id}`} size="sm">
                {formatDateTime(call.startedAt)}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{call.fromNumber}</Text>
              <Text size="xs" c="dimmed">
                {DIRECTION_LABELS[call.direction]}
              </Text>
            </Table.Td>
            <Table.Td>{call.agent?.name ?? "—"}</Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={call.engine === "realtime" ? "teal" : "gray"}>
                {engineLabel(call.engine)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Badge size="sm" color={STATUS_COLORS[call.status]}>
                {STATUS_LABELS[call.status]}
              </Badge>
              {call.handoffAt && (
                <Badge size="sm" ml={4} color="orange" variant="light">
                  転送
                </Badge>
              )}
            </Table.Td>
            <Table.Td ta="right">
              {call.durationSeconds === null ? "—" : formatDuration(call.durationSeconds)}
            </Table.Td>
            <Table.Td ta="right">{formatUsd(call.costUsd)}</Table.Td>
            <Table.Td>{call.rating ? <Rating value={call.rating} readOnly size="xs" /> : "—"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
