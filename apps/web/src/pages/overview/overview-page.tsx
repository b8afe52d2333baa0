import { BarChart, CompositeChart, LineChart } from "@mantine/charts";
import { Alert, Center, Loader, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ComponentProps, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth/use-session.ts";
import { SectionCard } from "../../components/section-card.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useMoney } from "../../i18n/use-money.ts";
import { PageHeader } from "../../layout/page-header.tsx";
import type { ApiOutputs } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../trpc.ts";
import { MetricCard } from "./metric-card.tsx";
import {
  DEFAULT_OVERVIEW_FILTERS,
  OverviewFilters,
  type OverviewFilterValues,
  toOverviewInput,
} from "./overview-filters.tsx";

type Overview = ApiOutputs["overview"]["get"];

/** The outcomes stacked on the volume chart, in this order, and their colours. */
const OUTCOME_COLORS = {
  booked: "teal.6",
  rescheduled: "cyan.6",
  cancelled: "orange.6",
  info_provided: "blue.6",
  handed_off: "grape.6",
  caller_dropped: "red.5",
  voicemail: "yellow.6",
  other: "gray.6",
  unanalyzed: "gray.3",
} as const;

/** /overview: the admin's landing page, the period's figures over time in the company's zone. */
export function OverviewPage() {
  const { t } = useTranslation(["overview", "labels"]);
  const trpc = useTRPC();
  const [filters, setFilters] = useState<OverviewFilterValues>(DEFAULT_OVERVIEW_FILTERS);
  // The period ends when the filters were chosen, so a refetch shows the same buckets.
  const input = useMemo(() => toOverviewInput(filters, new Date()), [filters]);
  const overview = useQuery(trpc.overview.get.queryOptions(input, { placeholderData: keepPreviousData }));
  return (
    <>
      <PageHeader
        title={t("title")}
        description={overview.data ? t("description", { timeZone: overview.data.timeZone }) : undefined}
      />
      <Stack>
        <OverviewFilters values={filters} agents={overview.data?.agents ?? []} onChange={setFilters} />
        {overview.isPending && (
          <Center py="xl">
            <Loader />
          </Center>
        )}
        {overview.isError && <Alert color="red">{errorMessage(overview.error)}</Alert>}
        {overview.data && <OverviewFigures data={overview.data} />}
      </Stack>
    </>
  );
}

function OverviewFigures({ data }: { data: Overview }) {
  const { t } = useTranslation(["overview", "labels"]);
  const format = useFormat();
  const money = useMoney();
  const labels = useLabels();
  const { user } = useSession();
  const rate = user?.company?.usdJpyRate ?? 150;
  const { totals, minSampleSize } = data;
  const label = (bucket: string) =>
    data.bucket === "hour"
      ? `${bucket.slice(5, 10).replace("-", "/")} ${bucket.slice(11, 16)}`
      : bucket.slice(5, 10).replace("-", "/");
  const series = Object.entries(OUTCOME_COLORS).map(([name, color]) => ({
    name,
    color,
    label: t(`outcomes.${name as keyof typeof OUTCOME_COLORS}`),
  }));
  const p95Target = data.targets.latencyP95Ms.value;
  const yen = (usd: number | null) => (usd === null ? null : Math.round(usd * rate * 10) / 10);
  const cards: Omit<ComponentProps<typeof MetricCard>, "minSampleSize">[] = [
    {
      testId: "card-calls",
      label: t("cards.calls"),
      check: null,
      plain: { value: format.count(totals.calls), sampleSize: totals.calls },
      format: format.count,
    },
    {
      testId: "card-completion",
      label: t("cards.completionRate"),
      check: totals.completionRate,
      format: format.percent,
    },
    {
      testId: "card-handoff",
      label: t("cards.handoffRate"),
      check: totals.handoffRate,
      format: format.percent,
    },
    {
      testId: "card-latency",
      label: t("cards.p95Latency"),
      check: totals.latency.p95Ms,
      format: format.ms,
      comparable: totals.latency.comparableToTargets || totals.latency.scope === null,
    },
    { testId: "card-accuracy", label: t("cards.accuracy"), check: totals.accuracy, format: format.percent },
    { testId: "card-cost", label: t("cards.avgCost"), check: totals.avgCostUsd, format: money },
  ];
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="sm">
        {cards.map((card) => (
          <MetricCard key={card.testId} {...card} minSampleSize={minSampleSize} />
        ))}
      </SimpleGrid>
      <SectionCard title={t("charts.volume")}>
        <BarChart
          h={260}
          data={data.volume.map((b) => ({ bucket: label(b.bucket), ...b.byOutcome }))}
          dataKey="bucket"
          type="stacked"
          series={series}
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          data-testid="volume-chart"
        />
      </SectionCard>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SectionCard title={t("charts.latency")}>
          <LineChart
            h={240}
            data={data.latency.map((b) => ({
              bucket: label(b.bucket),
              P50: b.p50Ms === null ? null : Math.round(b.p50Ms),
              P95: b.p95Ms === null ? null : Math.round(b.p95Ms),
            }))}
            dataKey="bucket"
            unit=" ms"
            series={[
              { name: "P50", color: "teal.6" },
              { name: "P95", color: "indigo.6" },
            ]}
            referenceLines={[
              { y: p95Target, label: t("charts.latencyTarget", { ms: p95Target }), color: "red.6" },
            ]}
            connectNulls
            withLegend
          />
          {totals.latency.note && (
            <Text size="xs" c="dimmed" mt="xs">
              {totals.latency.note}
            </Text>
          )}
        </SectionCard>
        <SectionCard title={`${t("charts.cost")} (${t("cards.totalCost")}: ${money(totals.totalCostUsd)})`}>
          <CompositeChart
            h={240}
            data={data.volume.map((b) => ({
              bucket: label(b.bucket),
              total: yen(b.costUsd),
              perCall: yen(b.costPerCallUsd),
            }))}
            dataKey="bucket"
            withRightYAxis
            series={[
              { name: "total", label: t("charts.costTotal"), color: "blue.4", type: "bar" },
              {
                name: "perCall",
                label: t("charts.costPerCall"),
                color: "orange.6",
                type: "line",
                yAxisId: "right",
              },
            ]}
            connectNulls
            withLegend
          />
        </SectionCard>
      </SimpleGrid>
      <SectionCard title={t("groups.title")}>
        <Table striped fz="sm" data-testid="overview-groups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("groups.agent")}</Table.Th>
              <Table.Th>{t("groups.version")}</Table.Th>
              <Table.Th>{t("groups.engine")}</Table.Th>
              <Table.Th ta="right">{t("groups.calls")}</Table.Th>
              <Table.Th ta="right">{t("cards.completionRate")}</Table.Th>
              <Table.Th ta="right">{t("cards.handoffRate")}</Table.Th>
              <Table.Th ta="right">{t("cards.p95Latency")}</Table.Th>
              <Table.Th ta="right">{t("cards.avgCost")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.groups.map((g) => (
              <Table.Tr key={`${g.agent?.id}-${g.version}-${g.engine}`}>
                <Table.Td>{g.agent?.name ?? t("groups.noAgent")}</Table.Td>
                <Table.Td>
                  {g.version === null ? "—" : t("filters.versionLabel", { version: g.version })}
                </Table.Td>
                <Table.Td>{labels.engine(g.engine)}</Table.Td>
                <Table.Td ta="right">{format.count(g.calls)}</Table.Td>
                {[
                  [g.completionRate, format.percent],
                  [g.handoffRate, format.percent],
                  [g.latencyP95Ms, format.ms],
                  [g.avgCostUsd, money],
                ].map(([check, fmt], i) => (
                  <Table.Td ta="right" key={String(i)}>
                    <CheckCell
                      check={check as Overview["totals"]["completionRate"]}
                      format={fmt as (v: number) => string}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SectionCard>
      <Stack gap={2}>
        {(["definitions", "cost", "accuracy"] as const).map((note) => (
          <Text key={note} size="xs" c="dimmed">
            {t(`notes.${note}`)}
          </Text>
        ))}
        <Text size="xs" c="dimmed">
          {t("notes.samples", { min: minSampleSize })}
        </Text>
      </Stack>
    </>
  );
}

/** A group's figure and its sample size, greyed when too few calls stand behind it. */
function CheckCell({
  check,
  format,
}: {
  check: Overview["totals"]["completionRate"];
  format: (v: number) => string;
}) {
  const { t } = useTranslation("overview");
  if (check.value === null) return <Text c="dimmed">—</Text>;
  return (
    <Text size="sm" c={check.enoughSamples ? undefined : "dimmed"}>
      {format(check.value)}{" "}
      <Text span size="xs" c="dimmed">
        ({t("sampleSize", { count: check.sampleSize })})
      </Text>
    </Text>
  );
}
