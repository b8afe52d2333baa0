import { Badge, Card, Table, Text, Title } from "@mantine/core";
import type { RolloutState } from "../../lib/api-types.ts";
import { formatDateTime } from "../../lib/format.ts";

function percentageOf(value: unknown): string {
  const percentage = (value as { realtimePercentage?: unknown } | null)?.realtimePercentage;
  return typeof percentage === "number" ? `${percentage}%` : "—";
}

/** Who changed the rollout, when, from what to what and why (the latest 20). */
export function AuditHistory({ changes }: { changes: RolloutState["changes"] }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={5} mb="sm">
        変更履歴(監査ログ)
      </Title>
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          まだ変更はありません。
        </Text>
      ) : (
        <Table striped fz="sm" data-testid="audit-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>日時</Table.Th>
              <Table.Th>種類</Table.Th>
              <Table.Th>変更</Table.Th>
              <Table.Th>変更者</Table.Th>
              <Table.Th>理由</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.id}>
                <Table.Td>{formatDateTime(change.createdAt)}</Table.Td>
                <Table.Td>
                  {change.action === "rollout_auto_rollback" ? (
                    <Badge color="red" size="sm">
                      自動ロールバック
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light" size="sm">
                      手動変更
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {percentageOf(change.before)} → {percentageOf(change.after)}
                </Table.Td>
                <Table.Td>{change.actor?.name ?? "システム"}</Table.Td>
                <Table.Td>{change.reason ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
