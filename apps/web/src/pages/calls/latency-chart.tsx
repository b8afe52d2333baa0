import { BarChart } from "@mantine/charts";
import { Card, Group, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CallDetail } from "../../lib/api-types.ts";

/** The P95 target the metrics page uses; each bar is drawn against it. */
const TARGET_MS = 800;

export function LatencyChart({ turns }: { turns: CallDetail["turns"] }) {
  const { t } = useTranslation("calls");
  const data = turns.map((turn) => ({ turn: `#${turn.turn}`, latencyMs: Math.round(turn.latencyMs) }));
  const average = turns.length ? turns.reduce((sum, t) => sum + t.latencyMs, 0) / turns.length : null;
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t("latency.title")}</Title>
        <Text size="sm" c="dimmed" data-testid="latency-average">
          {average === null ? t("latency.none") : t("latency.average", { ms: Math.round(average) })}
        </Text>
      </Group>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("latency.empty")}
        </Text>
      ) : (
        <BarChart
          h={200}
          data={data}
          dataKey="turn"
          series={[{ name: "latencyMs", label: t("latency.series"), color: "indigo.6" }]}
          unit=" ms"
          referenceLines={[{ y: TARGET_MS, label: t("latency.target", { ms: TARGET_MS }), color: "red.6" }]}
          withTooltip
        />
      )}
    </Card>
  );
}
