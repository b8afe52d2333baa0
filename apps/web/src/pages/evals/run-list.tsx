import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useFormat } from "../../i18n/use-format.ts";
import { useMoney } from "../../i18n/use-money.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { RUN_STATUS_COLORS } from "./run-status.ts";
import { StartRunModal } from "./start-run-modal.tsx";

/** The agent's evaluation runs, newest first: start one, open one, compare two. */
export function RunList({ agentId }: { agentId: string }) {
  const { t } = useTranslation("evals");
  const trpc = useTRPC();
  const format = useFormat();
  const money = useMoney();
  const navigate = useNavigate();
  const runs = useQuery({
    ...trpc.evals.runs.queryOptions({ agentId }),
    // A run under way moves every second.
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === "running") ? 1000 : false),
  });
  const [starting, setStarting] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));

  if (runs.isPending) return <Loader />;
  if (runs.isError) return <Alert color="red">{errorMessage(runs.error)}</Alert>;
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Button
          variant="light"
          disabled={selected.length !== 2}
          title={t("runs.compareHint")}
          onClick={() => {
            // The older run is A, the newer B: the differences read as what changed since.
            const [b, a] = runs.data.filter((run) => selected.includes(run.id));
            void navigate(`/evals/compare?a=${a?.id}&b=${b?.id}`);
          }}
        >
          {t("runs.compare")}
        </Button>
        <Button onClick={() => setStarting(true)}>{t("runs.start")}</Button>
      </Group>
      {runs.data.length === 0 ? (
        <Text c="dimmed">{t("runs.empty")}</Text>
      ) : (
        <Table striped highlightOnHover data-testid="run-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t("runs.columns.startedAt")}</Table.Th>
              <Table.Th>{t("runs.columns.version")}</Table.Th>
              <Table.Th>{t("runs.columns.status")}</Table.Th>
              <Table.Th>{t("runs.columns.progress")}</Table.Th>
              <Table.Th>{t("runs.columns.result")}</Table.Th>
              <Table.Th>{t("runs.columns.p95")}</Table.Th>
              <Table.Th>{t("runs.columns.accuracy")}</Table.Th>
              <Table.Th>{t("runs.columns.cost")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={run.id}
                    disabled={!run.summary}
                    checked={selected.includes(run.id)}
                    onChange={() => toggle(run.id)}
                  />
                </Table.Td>
                <Table.Td>{format.dateTime(String(run.startedAt))}</Table.Td>
                <Table.Td>
                  v{run.version}
                  {run.model && (
                    <Text span size="xs" c="dimmed">
                      {" "}
                      {run.model}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={RUN_STATUS_COLORS[run.status]}>{t(`runs.status.${run.status}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  {run.callsDone} / {run.callsPlanned}
                </Table.Td>
                <Table.Td>
                  <Text span c="teal">
                    {run.callsPassed}
                  </Text>
                  {" / "}
                  <Text span c={run.callsFailed > 0 ? "red" : undefined}>
                    {run.callsFailed}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {run.summary?.turnLatencyMs.p95 != null ? format.ms(run.summary.turnLatencyMs.p95) : "—"}
                </Table.Td>
                <Table.Td>
                  {run.summary?.transcriptionAccuracy != null
                    ? format.percent(run.summary.transcriptionAccuracy)
                    : "—"}
                </Table.Td>
                <Table.Td>
                  {run.summary?.costUsd.perCall != null ? money(run.summary.costUsd.perCall) : "—"}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/evals/runs/${run.id}`}>
                    {t("runs.open")}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {starting && <StartRunModal agentId={agentId} onClose={() => setStarting(false)} />}
    </>
  );
}
