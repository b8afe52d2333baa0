import { Alert, Anchor, Card, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useFormat } from "../../i18n/use-format.ts";
import { PageHeader } from "../../layout/page-header.tsx";
import type { ApiOutputs } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

type Comparison = ApiOutputs["evals"]["compare"];
type MetricRow = Comparison["metrics"][number];

/** /evals/compare?a=&b=: two runs side by side, each figure with its difference, each expectation's pass rate. */
export function ComparePage() {
  const { t } = useTranslation("evals");
  const [params] = useSearchParams();
  const trpc = useTRPC();
  const format = useFormat();
  const compared = useQuery(
    trpc.evals.compare.queryOptions({ a: params.get("a") ?? "", b: params.get("b") ?? "" }),
  );
  if (compared.isPending) return <Loader />;
  if (compared.isError) return <Alert color="red">{errorMessage(compared.error)}</Alert>;
  const { a, b, metrics, expectations } = compared.data;

  const show = (row: MetricRow, value: number | null) => {
    if (value === null) return "—";
    if (row.key === "passRate" || row.key === "accuracy") return format.percent(value);
    if (row.key === "costPerCallUsd") return format.usd(value);
    return format.ms(value);
  };
  const difference = (row: MetricRow) => {
    if (row.difference === null) return { text: "—", color: undefined };
    const sign = row.difference > 0 ? "+" : row.difference < 0 ? "−" : "±";
    const magnitude = Math.abs(row.difference);
    const text =
      row.key === "passRate" || row.key === "accuracy"
        ? `${sign}${(magnitude * 100).toFixed(1)} pt`
        : row.key === "costPerCallUsd"
          ? `${sign}${format.usd(magnitude)}`
          : `${sign}${format.ms(magnitude)}`;
    const better = row.lowerIsBetter ? row.difference < 0 : row.difference > 0;
    return { text, color: row.difference === 0 ? undefined : better ? "teal" : "red" };
  };
  const runLabel = (run: Comparison["a"]) =>
    t("compare.runLabel", { version: run.version, date: format.dateTime(String(run.startedAt)) });
  const rate = (value: { rate: number | null; passed: number; total: number } | null) =>
    value === null || value.rate === null
      ? t("compare.notInRun")
      : `${format.percent(value.rate)} (${value.passed}/${value.total})`;

  return (
    <Stack gap="lg">
      <PageHeader title={t("compare.title")} />
      <Card withBorder padding="lg">
        <Table data-testid="compare-metrics">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("compare.metric")}</Table.Th>
              <Table.Th>
                {t("compare.a")}:{" "}
                <Anchor component={Link} to={`/evals/runs/${a.id}`}>
                  {runLabel(a)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {a.model}
                </Text>
              </Table.Th>
              <Table.Th>
                {t("compare.b")}:{" "}
                <Anchor component={Link} to={`/evals/runs/${b.id}`}>
                  {runLabel(b)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {b.model}
                </Text>
              </Table.Th>
              <Table.Th>{t("compare.difference")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {metrics.map((row) => {
              const diff = difference(row);
              return (
                <Table.Tr key={row.key}>
                  <Table.Td>{t(`compare.metrics.${row.key}` as "compare.metrics.passRate")}</Table.Td>
                  <Table.Td>{show(row, row.a)}</Table.Td>
                  <Table.Td>{show(row, row.b)}</Table.Td>
                  <Table.Td>
                    <Text c={diff.color} fw={600} size="sm">
                      {diff.text}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      <Title order={4}>{t("compare.expectations")}</Title>
      <Card withBorder padding="lg">
        <Table striped data-testid="compare-expectations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("compare.scenario")}</Table.Th>
              <Table.Th>{t("compare.expectation")}</Table.Th>
              <Table.Th>{t("compare.a")}</Table.Th>
              <Table.Th>{t("compare.b")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {expectations.map((row) => (
              <Table.Tr key={`${row.scenario}-${row.label}`}>
                <Table.Td>{row.scenario}</Table.Td>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td>{rate(row.a)}</Table.Td>
                <Table.Td>{rate(row.b)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
