import { Anchor, Badge, Group, Rating, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TestCallBadge } from "../../call-events/test-call-badge.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useMoney } from "../../i18n/use-money.ts";
import type { CallSummary } from "../../lib/api-types.ts";
import { formatDuration } from "../../lib/format.ts";
import { OUTCOME_COLORS, STATUS_COLORS, useLabels } from "../../lib/labels.ts";
import { formatPhoneNumber } from "../../lib/phone-number.ts";

export function HistoryTable({ calls }: { calls: CallSummary[] }) {
  const { t } = useTranslation("calls");
  const labels = useLabels();
  const format = useFormat();
  const money = useMoney();
  return (
    <Table striped highlightOnHover withTableBorder verticalSpacing="xs" data-testid="history-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("table.startedAt")}</Table.Th>
          <Table.Th>{t("table.from")}</Table.Th>
          <Table.Th>{t("table.agent")}</Table.Th>
          <Table.Th>{t("table.engine")}</Table.Th>
          <Table.Th>{t("table.status")}</Table.Th>
          <Table.Th>{t("table.outcome")}</Table.Th>
          <Table.Th ta="right">{t("table.duration")}</Table.Th>
          <Table.Th ta="right">{t("table.cost")}</Table.Th>
          <Table.Th>{t("table.rating")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {calls.map((call) => (
          <Table.Tr key={call.id}>
            <Table.Td>
              <Anchor component={Link} to={`/calls/${call.id}`} size="sm">
                {format.dateTime(call.startedAt)}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatPhoneNumber(call.fromNumber)}</Text>
              <Text size="xs" c="dimmed">
                {labels.direction(call.direction)}
              </Text>
            </Table.Td>
            <Table.Td>{call.agent?.name ?? "—"}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Badge size="sm" variant="light" color={call.engine === "realtime" ? "teal" : "gray"}>
                  {labels.engine(call.engine)}
                </Badge>
                <TestCallBadge isTest={call.isTest} size="sm" />
              </Group>
            </Table.Td>
            <Table.Td>
              <Badge size="sm" color={STATUS_COLORS[call.status]}>
                {labels.status(call.status)}
              </Badge>
              {call.handoffAt && (
                <Badge size="sm" ml={4} color="orange" variant="light">
                  {t("table.handoff")}
                </Badge>
              )}
            </Table.Td>
            <Table.Td data-testid="history-outcome">
              {call.outcome ? (
                <Badge size="sm" variant="light" color={OUTCOME_COLORS[call.outcome]}>
                  {labels.outcome(call.outcome)}
                </Badge>
              ) : (
                <Text size="xs" c="dimmed">
                  {labels.outcome(null)}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">
              {call.durationSeconds === null ? "—" : formatDuration(call.durationSeconds)}
            </Table.Td>
            <Table.Td ta="right">{money(call.costUsd)}</Table.Td>
            <Table.Td>{call.rating ? <Rating value={call.rating} readOnly size="xs" /> : "—"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
