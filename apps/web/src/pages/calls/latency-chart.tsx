import { BarChart } from "@mantine/charts";
import { Card, Group, Text, Title } from "@mantine/core";
import type { CallDetail } from "../../lib/api-types.ts";

/** The P95 target the metrics page uses; each bar is drawn against it. */
const TARGET_MS = 800;

export function LatencyChart({ turns }: { turns: CallDetail["turns"] }) {
  const data = turns.map((turn) => ({ turn: `#${turn.turn}`, 応答時間: Math.round(turn.latencyMs) }));
  const average = turns.length ? turns.reduce((sum, t) => sum + t.latencyMs, 0) / turns.length : null;
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={5}>ターンごとの応答時間</Title>
        <Text size="sm" c="dimmed" data-testid="latency-average">
          {average === null ? "計測なし" : `平均 ${Math.round(average)} ms`}
        </Text>
      </Group>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          この通話には応答時間の記録がありません。
        </Text>
      ) : (
        <BarChart
          h={200}
          data={data}
          dataKey="turn"
          series={[{ name: "応答時間", color: "indigo.6" }]}
          unit=" ms"
          referenceLines={[{ y: TARGET_MS, label: `目標 ${TARGET_MS} ms`, color: "red.6" }]}
          withTooltip
        />
      )}
    </Card>
  );
}
