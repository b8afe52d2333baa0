import { Button, Card, Group, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SettingNumberInput } from "../../components/setting-number-input.tsx";
import type { RolloutState } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { GuardrailAlerts } from "./guardrail-alerts.tsx";

type Guardrail = RolloutState["guardrail"];

/** A threshold as the form holds it: a number, or "" for off (null in the api). */
const asInput = (value: number | null) => (value === null ? "" : value);
const asThreshold = (value: number | string) => (value === "" ? null : Number(value));

/**
 * The rollout guardrail (rollout.setGuardrail): on/off, the window it measures over and the two
 * thresholds past which the bridge rolls the Realtime API share back to 0 %; below it, the last
 * automatic rollback and the alerts nobody has confirmed yet.
 */
export function GuardrailCard({ guardrail }: { guardrail: Guardrail }) {
  const { t } = useTranslation("rollout");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(guardrail.enabled);
  const [windowMinutes, setWindowMinutes] = useState<number | string>(guardrail.windowMinutes);
  const [errorPercent, setErrorPercent] = useState<number | string>(
    asInput(guardrail.maxErrorRate === null ? null : Math.round(guardrail.maxErrorRate * 1000) / 10),
  );
  const [p95, setP95] = useState<number | string>(asInput(guardrail.maxP95LatencyMs));
  const save = useMutation(trpc.rollout.setGuardrail.mutationOptions());

  const submit = async () => {
    const percent = asThreshold(errorPercent);
    try {
      await save.mutateAsync({
        enabled,
        windowMinutes: Number(windowMinutes),
        maxErrorRate: percent === null ? null : percent / 100,
        maxP95LatencyMs: asThreshold(p95),
      });
      await queryClient.invalidateQueries({ queryKey: trpc.rollout.pathKey() });
      notifications.show({ color: "teal", title: t("guardrail.saved"), message: "" });
    } catch (error) {
      notifications.show({ color: "red", title: t("guardrail.failed"), message: errorMessage(error) });
    }
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="guardrail-card">
      <Title order={5}>{t("guardrail.title")}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("guardrail.description")}
      </Text>
      <Stack gap="sm">
        <Switch
          label={t("guardrail.enabled")}
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
        />
        <Group grow align="flex-start">
          <SettingNumberInput
            label={t("guardrail.window")}
            description={t("guardrail.windowDescription")}
            min={1}
            max={1440}
            suffix={t("guardrail.minutesSuffix")}
            value={windowMinutes}
            onChange={setWindowMinutes}
          />
          <SettingNumberInput
            label={t("guardrail.maxErrorRate")}
            description={t("guardrail.maxErrorRateDescription")}
            min={0.1}
            max={99.9}
            decimalScale={1}
            suffix=" %"
            value={errorPercent}
            onChange={setErrorPercent}
          />
          <SettingNumberInput
            label={t("guardrail.maxP95")}
            description={t("guardrail.maxP95Description")}
            min={100}
            max={60_000}
            step={100}
            suffix=" ms"
            value={p95}
            onChange={setP95}
          />
        </Group>
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={save.isPending}>
            {t("guardrail.save")}
          </Button>
        </Group>
        <GuardrailAlerts />
      </Stack>
    </Card>
  );
}
