import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { ApiOutputs } from "../../lib/api-types.ts";
import { useTRPC } from "../../trpc.ts";

type AlertView = ApiOutputs["alerts"]["list"]["alerts"][number];

/** The last automatic rollback, and the operator alerts nobody has confirmed yet, each confirmable. */
export function GuardrailAlerts() {
  const { t } = useTranslation("rollout");
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const alerts = useQuery(trpc.alerts.list.queryOptions({}));
  const acknowledge = useMutation(trpc.alerts.acknowledge.mutationOptions());
  const list = alerts.data?.alerts ?? [];
  const lastRollback = list.find((alert) => alert.kind === "rollout_auto_rollback");
  const open = list.filter((alert) => alert.acknowledgedAt === null);
  const describe = (alert: AlertView) => alertText(alert, t, format);
  return (
    <Stack gap="xs" data-testid="guardrail-alerts">
      <Text size="sm" fw={600}>
        {t("guardrail.lastRollback")}
      </Text>
      <Text size="sm" c={lastRollback ? undefined : "dimmed"}>
        {lastRollback
          ? `${format.dateTime(lastRollback.createdAt)} — ${describe(lastRollback)}`
          : t("guardrail.noRollback")}
      </Text>
      <Text size="sm" fw={600}>
        {t("guardrail.openAlerts", { count: open.length })}
      </Text>
      {open.map((alert) => (
        <Alert key={alert.id} color="orange" variant="light">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              {format.dateTime(alert.createdAt)} — {describe(alert)}
            </Text>
            <Button
              size="xs"
              variant="default"
              loading={acknowledge.isPending}
              onClick={async () => {
                await acknowledge.mutateAsync({ alertId: alert.id });
                await queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
              }}
            >
              {t("guardrail.acknowledge")}
            </Button>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}

function alertText(alert: AlertView, t: TFunction<"rollout">, format: ReturnType<typeof useFormat>): string {
  const d = alert.details;
  if (d && "metric" in d) {
    return t(`guardrail.rollback.${d.metric}`, {
      value: d.metric === "error_rate" ? format.percent(d.value) : format.ms(d.value),
      threshold: d.metric === "error_rate" ? format.percent(d.threshold) : format.ms(d.threshold),
      samples: d.samples,
      from: d.previousPercentage,
    });
  }
  if (alert.kind === "budget_exceeded") return t("guardrail.budgetExceeded");
  return alert.message;
}
