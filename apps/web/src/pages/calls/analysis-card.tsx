import { Alert, Badge, Button, Card, Group, List, Loader, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../i18n/use-money.ts";
import type { CallDetail } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { OUTCOME_COLORS, SENTIMENT_COLORS, useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../trpc.ts";

/**
 * The post-call analysis at the top of call detail: summary, outcome, sentiment, follow-ups; while
 * it is pending or being retried, its state; once it failed every attempt, why, and a retry button.
 */
export function AnalysisCard({
  call,
  analysis,
}: {
  call: CallDetail["call"];
  analysis: CallDetail["analysis"];
}) {
  const { t } = useTranslation("calls");
  const labels = useLabels();
  const money = useMoney();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="call-analysis">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>{t("analysis.title")}</Title>
          {analysis?.status === "completed" && (
            <Text size="xs" c="dimmed">
              {analysis.model
                ? t("analysis.model", { model: analysis.model, cost: money(analysis.costUsd) })
                : t("analysis.noModel")}
            </Text>
          )}
        </Group>
        {!analysis && call.endedAt === null && <Text c="dimmed">{t("analysis.live")}</Text>}
        {!analysis && call.endedAt !== null && (
          <Group justify="space-between">
            <Text c="dimmed">{t("analysis.notAnalysed")}</Text>
            <RetryButton callId={call.id} label={t("analysis.analyse")} />
          </Group>
        )}
        {analysis?.status === "pending" && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text c="dimmed">
              {analysis.attempts === 0
                ? t("analysis.pending")
                : t("analysis.retrying", { attempts: analysis.attempts, max: analysis.maxAttempts })}
            </Text>
          </Group>
        )}
        {analysis?.status === "failed" && (
          <Alert color="red" data-testid="analysis-failed">
            <Stack gap="xs">
              <Text size="sm">{t("analysis.failed", { attempts: analysis.attempts })}</Text>
              {analysis.lastError && (
                <Text size="sm">{t("analysis.reason", { error: analysis.lastError })}</Text>
              )}
              <Group>
                <RetryButton callId={call.id} label={t("analysis.retry")} />
              </Group>
            </Stack>
          </Alert>
        )}
        {analysis?.status === "completed" && (
          <>
            <Text data-testid="analysis-summary">{analysis.summary}</Text>
            <Group gap="lg">
              <Group gap={6}>
                <Text size="sm" c="dimmed">
                  {t("analysis.outcome")}
                </Text>
                {call.outcome && (
                  <Badge color={OUTCOME_COLORS[call.outcome]} data-testid="analysis-outcome">
                    {labels.outcome(call.outcome)}
                  </Badge>
                )}
              </Group>
              {analysis.sentiment && (
                <Group gap={6}>
                  <Text size="sm" c="dimmed">
                    {t("analysis.sentiment")}
                  </Text>
                  <Badge variant="light" color={SENTIMENT_COLORS[analysis.sentiment]}>
                    {labels.sentiment(analysis.sentiment)}
                  </Badge>
                </Group>
              )}
            </Group>
            <Stack gap={4}>
              <Group gap={6}>
                <Text size="sm" c="dimmed">
                  {t("analysis.followUp")}
                </Text>
                {analysis.followUpNeeded && (
                  <Badge color="orange" variant="light">
                    {t("analysis.followUpNeeded")}
                  </Badge>
                )}
              </Group>
              {analysis.followUpItems.length > 0 ? (
                <List size="sm">
                  {analysis.followUpItems.map((item) => (
                    <List.Item key={item}>{item}</List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm">{t("analysis.followUpNone")}</Text>
              )}
            </Stack>
          </>
        )}
      </Stack>
    </Card>
  );
}

function RetryButton({ callId, label }: { callId: string; label: string }) {
  const { t } = useTranslation("calls");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(trpc.calls.retryAnalysis.mutationOptions());
  const run = async () => {
    try {
      await retry.mutateAsync({ callId });
      await queryClient.invalidateQueries({ queryKey: trpc.calls.pathKey() });
      notifications.show({ color: "teal", message: t("analysis.retried") });
    } catch (failure) {
      notifications.show({ color: "red", message: errorMessage(failure) });
    }
  };
  return (
    <Button size="xs" variant="default" loading={retry.isPending} onClick={() => void run()}>
      {label}
    </Button>
  );
}
