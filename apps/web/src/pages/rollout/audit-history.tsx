import { Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SectionCard } from "../../components/section-card.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import type { RolloutState } from "../../lib/api-types.ts";

function percentageOf(value: unknown): string {
  const percentage = (value as { realtimePercentage?: unknown } | null)?.realtimePercentage;
  return typeof percentage === "number" ? `${percentage}%` : "—";
}

/** Who changed the rollout, when, from what to what and why (the latest 20). */
export function AuditHistory({ changes }: { changes: RolloutState["changes"] }) {
  const { t } = useTranslation("rollout");
  const format = useFormat();
  return (
    <SectionCard title={t("audit.title")}>
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("audit.empty")}
        </Text>
      ) : (
        <Table striped fz="sm" data-testid="audit-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("audit.at")}</Table.Th>
              <Table.Th>{t("audit.kind")}</Table.Th>
              <Table.Th>{t("audit.change")}</Table.Th>
              <Table.Th>{t("audit.actor")}</Table.Th>
              <Table.Th>{t("audit.reason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.id}>
                <Table.Td>{format.dateTime(change.createdAt)}</Table.Td>
                <Table.Td>
                  {change.action === "rollout_auto_rollback" ? (
                    <Badge color="red" size="sm">
                      {t("audit.autoRollback")}
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light" size="sm">
                      {t("audit.manual")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {percentageOf(change.before)} → {percentageOf(change.after)}
                </Table.Td>
                <Table.Td>{change.actor?.name ?? t("audit.system")}</Table.Td>
                <Table.Td>{change.reason ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SectionCard>
  );
}
