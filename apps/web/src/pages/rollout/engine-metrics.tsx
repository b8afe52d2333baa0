import { BarChart } from "@mantine/charts";
import { Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import { useMoney } from "../../i18n/use-money.ts";
import type { MetricsSummary } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

type EngineMetrics = MetricsSummary["byEngine"][number];
type Check = EngineMetrics["completionRate"];

const PERIODS = ["1", "7", "30"] as const;

/** Latency scopes that the targets do not apply to; each has a note under the table. */
const NOT_COMPARABLE = ["bridge_processing_only", "mixed"] as const;

/** The P95 target drawn on the latency chart. */
const P95_TARGET_MS = 800;

/** Each row's label is `rollout:metrics.rows.<key>`; `rating` is formatted as "4.2 / 5". */
const ROWS: {
  key:
    | "calls"
    | "avgLatency"
    | "p95Latency"
    | "completionRate"
    | "handoffRate"
    | "avgCost"
    | "accuracy"
    | "rating";
  pick: (m: EngineMetrics) => Check | number | null;
  format: "count" | "ms" | "percent" | "money" | "rating";
  /** The figure for this engine is not measured at all (shown as such, never as zero). */
  unmeasured?: (engine: EngineMetrics["engine"]) => boolean;
}[] = [
  { key: "calls", pick: (m) => m.calls, format: "count" },
  { key: "avgLatency", pick: (m) => m.latency.avgMs, format: "ms" },
  { key: "p95Latency", pick: (m) => m.latency.p95Ms, format: "ms" },
  { key: "completionRate", pick: (m) => m.completionRate, format: "percent" },
  { key: "handoffRate", pick: (m) => m.handoffRate, format: "percent" },
  { key: "avgCost", pick: (m) => m.avgCostUsd, format: "money", unmeasured: (engine) => engine === "legacy" },
  { key: "accuracy", pick: (m) => m.accuracy, format: "percent" },
  { key: "rating", pick: (m) => m.ratingAverage, format: "rating" },
];

/** Both engines side by side against the targets, for the chosen period, with charts. */
export function EngineMetrics() {
  const { t } = useTranslation(["rollout", "labels"]);
  const formatters = useFormat();
  const money = useMoney();
  const formatOf = (kind: (typeof ROWS)[number]["format"]) => (v: number) =>
    kind === "rating"
      ? t("metrics.ratingValue", { rating: v.toFixed(1) })
      : kind === "money"
        ? money(v)
        : formatters[kind](v);
  const series = [
    { name: "realtime", label: t("labels:engine.realtime"), color: "teal.6" },
    { name: "legacy", label: t("labels:engine.legacy"), color: "gray.5" },
  ];
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
          <Title order={5}>{t("metrics.title")}</Title>
          <Text size="sm" c="dimmed">
            {t("metrics.description")}
          </Text>
        </div>
        <SegmentedControl
          data={PERIODS.map((period) => ({ value: period, label: t(`metrics.periods.${period}`) }))}
          value={days}
          onChange={setDays}
        />
      </Group>
      {summary.isError && <Text c="red">{errorMessage(summary.error)}</Text>}
      {summary.data && realtime && legacy && (
        <>
          <Table withTableBorder striped fz="sm" data-testid="engine-metrics">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("metrics.metric")}</Table.Th>
                <Table.Th ta="right">{t("labels:engine.realtime")}</Table.Th>
                <Table.Th ta="right">{t("labels:engine.legacy")}</Table.Th>
                <Table.Th ta="right">{t("metrics.target")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ROWS.map((row) => {
                const a = row.pick(realtime);
                const b = row.pick(legacy);
                const target = typeof a === "object" && a !== null ? a.target : null;
                const format = formatOf(row.format);
                return (
                  <Table.Tr key={row.key}>
                    <Table.Td>{t(`metrics.rows.${row.key}`)}</Table.Td>
                    <Table.Td ta="right">
                      <MetricValue value={a} format={format} scope={scopeOf(row.key, realtime)} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {row.unmeasured?.("legacy") ? (
                        <Text size="sm" c="dimmed">
                          {t("metrics.notMeasured")}
                        </Text>
                      ) : (
                        <MetricValue value={b} format={format} scope={scopeOf(row.key, legacy)} />
                      )}
                    </Table.Td>
                    <Table.Td ta="right" c="dimmed">
                      {target ? `${target.comparison} ${format(target.value)}` : "—"}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Stack gap={4} mt="xs" data-testid="metrics-notes">
            {[realtime, legacy].map((m) => {
              const scope = NOT_COMPARABLE.find((s) => s === m.latency.scope);
              return (
                scope && (
                  <Text key={m.engine} size="xs" c="dimmed">
                    {t(`metrics.scope.${scope}`, { engine: t(`labels:engine.${m.engine}`) })}
                  </Text>
                )
              );
            })}
            {[realtime, legacy].map((m) => (
              <Text key={`basis-${m.engine}`} size="xs" c="dimmed" data-testid={`rate-basis-${m.engine}`}>
                {t(`metrics.rateBasis.${m.rateBasis.basis}`, {
                  engine: t(`labels:engine.${m.engine}`),
                  analysed: m.rateBasis.analysedCalls,
                  connected: m.rateBasis.connectedCalls,
                })}
              </Text>
            ))}
            <Text size="xs" c="dimmed">
              {t("metrics.costNote")}
            </Text>
            <Text size="xs" c="dimmed">
              {t("metrics.sampleNote", { min: summary.data.minSampleSize })}
            </Text>
          </Stack>
          <SimpleGrid cols={2} mt="lg">
            <div>
              <Text size="sm" fw={600} mb="xs">
                {t("metrics.latencyChart")}
              </Text>
              <BarChart
                h={220}
                data={latencyData(realtime, legacy, t("metrics.average"))}
                dataKey="metric"
                series={series}
                referenceLines={[
                  {
                    y: P95_TARGET_MS,
                    label: t("metrics.latencyTarget", { ms: P95_TARGET_MS }),
                    color: "red.6",
                  },
                ]}
                withLegend
              />
            </div>
            <div>
              <Text size="sm" fw={600} mb="xs">
                {t("metrics.rateChart")}
              </Text>
              <BarChart
                h={220}
                data={rateData(realtime, legacy, {
                  completion: t("metrics.rows.completionRate"),
                  handoff: t("metrics.rows.handoffRate"),
                })}
                dataKey="metric"
                series={series}
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

/** The latency rows' figures measure what `scope` says; the others are calls, always comparable. */
function scopeOf(key: (typeof ROWS)[number]["key"], m: EngineMetrics) {
  return key === "avgLatency" || key === "p95Latency" ? m.latency : null;
}

/**
 * A figure with its sample size, judged against its target only when that means something: enough
 * calls, and a figure measuring what the target is about (else a mark pointing at the note below).
 */
function MetricValue(props: {
  value: Check | number | null;
  format: (v: number) => string;
  scope: EngineMetrics["latency"] | null;
}) {
  const { t } = useTranslation("rollout");
  const { value, format } = props;
  if (value === null) return <Text c="dimmed">—</Text>;
  if (typeof value === "number") return <Text size="sm">{format(value)}</Text>;
  if (value.value === null) return <Text c="dimmed">—</Text>;
  const comparable = props.scope?.comparableToTargets ?? true;
  return (
    <Stack gap={0} align="flex-end">
      <Group gap={6} justify="flex-end" wrap="nowrap">
        <Text size="sm">
          {format(value.value)}
          {comparable ? "" : " ※"}
        </Text>
        {comparable && value.met !== null && (
          <Badge size="xs" color={value.met ? "teal" : "red"} variant="light">
            {value.met ? t("metrics.met") : t("metrics.missed")}
          </Badge>
        )}
        {comparable && !value.enoughSamples && (
          <Badge size="xs" color="gray" variant="light">
            {t("metrics.notEnough")}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t("metrics.sampleSize", { count: value.sampleSize })}
      </Text>
    </Stack>
  );
}

const round = (v: number | null) => (v === null ? 0 : Math.round(v));

/** Bars per latency statistic; the keys `realtime` and `legacy` are the chart's series. */
function latencyData(realtime: EngineMetrics, legacy: EngineMetrics, averageLabel: string) {
  return [
    {
      metric: averageLabel,
      realtime: round(realtime.latency.avgMs.value),
      legacy: round(legacy.latency.avgMs.value),
    },
    { metric: "P50", realtime: round(realtime.latency.p50Ms), legacy: round(legacy.latency.p50Ms) },
    {
      metric: "P95",
      realtime: round(realtime.latency.p95Ms.value),
      legacy: round(legacy.latency.p95Ms.value),
    },
    { metric: "P99", realtime: round(realtime.latency.p99Ms), legacy: round(legacy.latency.p99Ms) },
  ];
}

function rateData(
  realtime: EngineMetrics,
  legacy: EngineMetrics,
  labels: { completion: string; handoff: string },
) {
  const pct = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10);
  return [
    {
      metric: labels.completion,
      realtime: pct(realtime.completionRate.value),
      legacy: pct(legacy.completionRate.value),
    },
    {
      metric: labels.handoff,
      realtime: pct(realtime.handoffRate.value),
      legacy: pct(legacy.handoffRate.value),
    },
  ];
}
