import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../i18n/use-format.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

const CHECKS = ["latencyAvgMs", "latencyP95Ms", "accuracy", "avgCostUsd"] as const;

/**
 * The gate before raising the percentage: each agent's current version, its latest evaluation run
 * and how that run's figures stand against the targets.
 */
export function EvalGateCard() {
  const { t } = useTranslation("evals");
  const trpc = useTRPC();
  const format = useFormat();
  const gate = useQuery(trpc.evals.rolloutGate.queryOptions());
  const value = (key: (typeof CHECKS)[number], v: number | null) => {
    if (v === null) return "—";
    if (key === "accuracy") return format.percent(v);
    if (key === "avgCostUsd") return format.usd(v);
    return format.ms(v);
  };
  return (
    <Card withBorder radius="md" padding="lg" data-testid="eval-gate">
      <Title order={5}>{t("gate.title")}</Title>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {t("gate.description")}
      </Text>
      {gate.isError && <Alert color="red">{errorMessage(gate.error)}</Alert>}
      <Stack gap="sm">
        {gate.data?.map((entry) => (
          <Stack key={entry.agent.id} gap={4}>
            <Group gap="xs">
              <Text fw={600}>{entry.agent.name}</Text>
              {entry.version !== null && (
                <Badge variant="light">{t("gate.version", { version: entry.version })}</Badge>
              )}
              {entry.checks && (
                <Badge color={entry.passed ? "teal" : "red"}>
                  {entry.passed ? t("gate.passed") : t("gate.notPassed")}
                </Badge>
              )}
            </Group>
            {entry.checks && entry.run ? (
              <Group gap="lg">
                {CHECKS.map((key) => {
                  const check = entry.checks?.[key];
                  return (
                    <Text key={key} size="sm" c={check?.met ? "teal" : "red"}>
                      {check?.met ? "✓" : "✗"} {t(`gate.checks.${key}`)}: {value(key, check?.value ?? null)}
                    </Text>
                  );
                })}
                <Anchor component={Link} to={`/evals/runs/${entry.run.id}`} size="sm">
                  {t("gate.openRun")}
                </Anchor>
              </Group>
            ) : (
              <Group gap="sm">
                <Text size="sm" c="dimmed">
                  {t("gate.noRun", { version: entry.version ?? "—" })}
                </Text>
                <Anchor component={Link} to={`/evals?agent=${entry.agent.id}&tab=runs`} size="sm">
                  {t("gate.runEvaluation")}
                </Anchor>
              </Group>
            )}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
