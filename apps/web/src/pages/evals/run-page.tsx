import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Text,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useFormat } from "../../i18n/use-format.ts";
import { useMoney } from "../../i18n/use-money.ts";
import { PageHeader } from "../../layout/page-header.tsx";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { RUN_STATUS_COLORS } from "./run-status.ts";

/** /evals/runs/:runId: a run's progress, live while it plays, its figures and each call's verdicts. */
export function RunPage() {
  const { t } = useTranslation("evals");
  const { runId = "" } = useParams();
  const trpc = useTRPC();
  const format = useFormat();
  const money = useMoney();
  const run = useQuery({
    ...trpc.evals.run.queryOptions({ runId }),
    // Live: every finished call shows within a second while the run plays.
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false),
  });
  if (run.isPending) return <Loader />;
  if (run.isError) return <Alert color="red">{errorMessage(run.error)}</Alert>;
  const r = run.data;
  const s = r.summary;
  const ms = (value: number | null | undefined) => (value == null ? "—" : format.ms(value));
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("run.title", { version: r.version })}
        description={`${format.dateTime(String(r.startedAt))} · ${r.model ?? ""} · ${t("run.concurrency", { count: r.concurrency })}`}
        actions={
          <Group gap="xs">
            <Badge size="lg" color={RUN_STATUS_COLORS[r.status]} data-testid="run-status">
              {t(`runs.status.${r.status}`)}
            </Badge>
            <Anchor component={Link} to={`/evals?agent=${r.agentId}&tab=runs`}>
              {t("run.back")}
            </Anchor>
          </Group>
        }
      />
      <Card withBorder padding="lg" data-testid="run-progress">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t("run.progress", { done: r.callsDone, planned: r.callsPlanned })}</Text>
          <Group gap="md">
            <Text c="teal" fw={600}>
              {t("run.passed", { count: r.callsPassed })}
            </Text>
            <Text c={r.callsFailed > 0 ? "red" : "dimmed"} fw={600}>
              {t("run.failed", { count: r.callsFailed })}
            </Text>
          </Group>
        </Group>
        <Progress.Root size="xl">
          <Progress.Section value={(100 * r.callsPassed) / r.callsPlanned} color="teal" />
          <Progress.Section value={(100 * r.callsFailed) / r.callsPlanned} color="red" />
        </Progress.Root>
      </Card>
      {s && (
        <SimpleGrid cols={3} data-testid="run-figures">
          <Figure
            label={t("run.figures.latency")}
            value={`${ms(s.turnLatencyMs.p50)} / ${ms(s.turnLatencyMs.p95)} / ${ms(s.turnLatencyMs.p99)}`}
          />
          <Figure label={t("run.figures.latencyAvg")} value={ms(s.turnLatencyMs.avg)} />
          <Figure label={t("run.figures.firstAudio")} value={ms(s.timeToFirstAudioMs.avg)} />
          <Figure
            label={t("run.figures.accuracy")}
            value={s.transcriptionAccuracy === null ? "—" : format.percent(s.transcriptionAccuracy)}
          />
          <Figure
            label={t("run.figures.cost")}
            value={s.costUsd.perCall === null ? "—" : money(s.costUsd.perCall)}
          />
          <Figure
            label={t("run.figures.wallTime")}
            value={s.wallTimeMs === null ? "—" : `${(s.wallTimeMs / 1000).toFixed(1)} s`}
          />
        </SimpleGrid>
      )}
      <Text fw={600}>{t("run.calls")}</Text>
      {r.calls.length === 0 ? (
        <Text c="dimmed">{t("run.noCalls")}</Text>
      ) : (
        <Accordion variant="separated" multiple data-testid="run-calls">
          {r.calls.map((call) => (
            <Accordion.Item key={call.index} value={String(call.index)}>
              <Accordion.Control>
                <Group gap="sm">
                  <Badge color={call.passed ? "teal" : "red"} w={60}>
                    {call.passed ? "✓" : "✗"}
                  </Badge>
                  <Text>{t("run.call", { index: call.index + 1 })}</Text>
                  <Text fw={500}>{call.scenarioName}</Text>
                  <Text size="sm" c="dimmed">
                    P95 {ms(call.metrics.turnLatencyMs.p95)} ·{" "}
                    {call.metrics.costUsd === null ? "—" : money(call.metrics.costUsd)}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap={4}>
                  {call.error && (
                    <Text size="sm" c="red">
                      {call.error}
                    </Text>
                  )}
                  {call.results.map((result) => (
                    <Group key={result.index} gap="xs" wrap="nowrap" align="flex-start">
                      <Text c={result.passed ? "teal" : "red"} fw={700} w={16}>
                        {result.passed ? "✓" : "✗"}
                      </Text>
                      <Text size="sm" fw={500} w={320}>
                        {result.label}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {result.reason}
                      </Text>
                    </Group>
                  ))}
                  <Text size="sm" mt="xs">
                    {t("run.toolCalls")}:{" "}
                    {call.metrics.toolCalls.length === 0
                      ? t("run.noTools")
                      : call.metrics.toolCalls.map((tool) => tool.name).join(", ")}
                    {" · "}
                    {t("run.cer")}{" "}
                    {call.metrics.callerCer === null ? "—" : format.percent(call.metrics.callerCer)}
                  </Text>
                  {call.callSessionId && (
                    <Anchor component={Link} to={`/calls/${call.callSessionId}`} size="sm">
                      {t("run.openCall")}
                    </Anchor>
                  )}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600}>
        {value}
      </Text>
    </Card>
  );
}
