import { BarChart } from "@mantine/charts";
import { Badge, Card, Group, SegmentedControl, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { MetricsSummary } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { formatMs, formatPercent, formatUsd } from "../../lib/format.ts";
import { useTRPC } from "../../trpc.ts";

type EngineMetrics = MetricsSummary["byEngine"][number];
type Check = { value: number | null; target: { comparison: string; value: number }; met: boolean | null };

const PERIODS = [
  { value: "1", label: "24 時間" },
  { value: "7", label: "7 日間" },
  { value: "30", label: "30 日間" },
];

const ROWS: {
  label: string;
  pick: (m: EngineMetrics) => Check | number | null;
  format: (v: number) => string;
}[] = [
  { label: "通話数", pick: (m) => m.calls, format: (v) => v.toLocaleString("ja-JP") },
  { label: "平均応答時間", pick: (m) => m.latency.avgMs, format: formatMs },
  { label: "P95 応答時間", pick: (m) => m.latency.p95Ms, format: formatMs },
  { label: "完了率", pick: (m) => m.completionRate, format: formatPercent },
  { label: "転送率", pick: (m) => m.handoffRate, format: formatPercent },
  { label: "平均費用 / 通話", pick: (m) => m.avgCostUsd, format: formatUsd },
  { label: "文字起こし精度", pick: (m) => m.accuracy, format: formatPercent },
  { label: "平均評価", pick: (m) => m.ratingAverage, format: (v) => `${v.toFixed(1)} / 5` },
];

/** Both engines side by side against the targets, for the chosen period, with charts. */
export function EngineMetrics() {
  const trpc = useTRPC();
  const [days, setDays] = useState("7");
  const period = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - Number(days) * 86_400_000).toISOString(), to: to.toISOString() };
  }, [days]);
  const summary = useQuery(trpc.metrics.summary.queryOptions(period));
  const [realtime, legacy] = (["realtime", "legacy"] as const).map((engine) =>
    summary.data?.byEngine.find((m) => m.engine === engine),
  );
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="md">
        <div>
          <Title order={5}>エンジン別の指標</Title>
          <Text size="sm" c="dimmed">
            期間内に始まった通話の実績と目標の比較
          </Text>
        </div>
        <SegmentedControl data={PERIODS} value={days} onChange={setDays} />
      </Group>
      {summary.isError && <Text c="red">{errorMessage(summary.error)}</Text>}
      {realtime && legacy && (
        <>
          <Table withTableBorder striped fz="sm" data-testid="engine-metrics">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>指標</Table.Th>
                <Table.Th ta="right">Realtime API</Table.Th>
                <Table.Th ta="right">従来エンジン</Table.Th>
                <Table.Th ta="right">目標</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ROWS.map((row) => {
                const a = row.pick(realtime);
                const b = row.pick(legacy);
                const target = typeof a === "object" && a !== null ? a.target : null;
                return (
                  <Table.Tr key={row.label}>
                    <Table.Td>{row.label}</Table.Td>
                    <Table.Td ta="right">
                      <MetricValue value={a} format={row.format} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <MetricValue value={b} format={row.format} />
                    </Table.Td>
                    <Table.Td ta="right" c="dimmed">
                      {target ? `${target.comparison} ${row.format(target.value)}` : "—"}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={2} mt="lg">
            <div>
              <Text size="sm" fw={600} mb="xs">
                応答時間(ms)
              </Text>
              <BarChart
                h={220}
                data={latencyData(realtime, legacy)}
                dataKey="metric"
                series={[
                  { name: "Realtime API", color: "teal.6" },
                  { name: "従来エンジン", color: "gray.5" },
                ]}
                referenceLines={[{ y: 800, label: "P95 目標 800 ms", color: "red.6" }]}
                withLegend
              />
            </div>
            <div>
              <Text size="sm" fw={600} mb="xs">
                完了率と転送率(%)
              </Text>
              <BarChart
                h={220}
                data={rateData(realtime, legacy)}
                dataKey="metric"
                series={[
                  { name: "Realtime API", color: "teal.6" },
                  { name: "従来エンジン", color: "gray.5" },
                ]}
                unit="%"
                withLegend
              />
            </div>
          </SimpleGrid>
        </>
      )}
    </Card>
  );
}

function MetricValue({ value, format }: { value: Check | number | null; format: (v: number) => string }) {
  if (value === null) return <Text c="dimmed">—</Text>;
  if (typeof value === "number") return <Text size="sm">{format(value)}</Text>;
  if (value.value === null) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      <Text size="sm">{format(value.value)}</Text>
      <Badge size="xs" color={value.met ? "teal" : "red"} variant="light">
        {value.met ? "達成" : "未達"}
      </Badge>
    </Group>
  );
}

const round = (v: number | null) => (v === null ? 0 : Math.round(v));

function latencyData(realtime: EngineMetrics, legacy: EngineMetrics) {
  return [
    {
      metric: "平均",
      "Realtime API": round(realtime.latency.avgMs.value),
      従来エンジン: round(legacy.latency.avgMs.value),
    },
    {
      metric: "P50",
      "Realtime API": round(realtime.latency.p50Ms),
      従来エンジン: round(legacy.latency.p50Ms),
    },
    {
      metric: "P95",
      "Realtime API": round(realtime.latency.p95Ms.value),
      従来エンジン: round(legacy.latency.p95Ms.value),
    },
    {
      metric: "P99",
      "Realtime API": round(realtime.latency.p99Ms),
      従来エンジン: round(legacy.latency.p99Ms),
    },
  ];
}

function rateData(realtime: EngineMetrics, legacy: EngineMetrics) {
  const pct = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10);
  return [
    {
      metric: "完了率",
      "Realtime API": pct(realtime.completionRate.value),
      従来エンジン: pct(legacy.completionRate.value),
    },
    {
      metric: "転送率",
      "Realtime API": pct(realtime.handoffRate.value),
      従来エンジン: pct(legacy.handoffRate.value),
    },
  ];
}
