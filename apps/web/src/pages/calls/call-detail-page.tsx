import {
  Alert,
  Anchor,
  Badge,
  Card,
  Center,
  Grid,
  Group,
  Loader,
  ScrollArea,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ConversationFeed } from "../../call-events/conversation-feed.tsx";
import { TestCallBadge } from "../../call-events/test-call-badge.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { PageHeader } from "../../layout/page-header.tsx";
import type { CallDetail } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { formatDuration } from "../../lib/format.ts";
import { STATUS_COLORS, useLabels } from "../../lib/labels.ts";
import { formatPhoneNumber } from "../../lib/phone-number.ts";
import { useTRPC } from "../../trpc.ts";
import { AnalysisCard } from "./analysis-card.tsx";
import { EventTimeline } from "./event-timeline.tsx";
import { LatencyChart } from "./latency-chart.tsx";
import { RatingCard } from "./rating-card.tsx";
import { TranscriptDownload } from "./transcript-download.tsx";
import { UsageCard } from "./usage-card.tsx";

const ANALYSIS_REFRESH_MS = 3_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /calls/:callId: one call's conversation, events, latency, usage, recording and QA rating. */
export function CallDetailPage() {
  const { t } = useTranslation(["calls", "common"]);
  const labels = useLabels();
  const format = useFormat();
  const trpc = useTRPC();
  const { callId = "" } = useParams();
  // ?line=<event id>: a search result's line, shown and highlighted in the conversation.
  const [params] = useSearchParams();
  const focusLineId = params.get("line");
  const valid = UUID.test(callId);
  const detail = useQuery(
    trpc.calls.byId.queryOptions(
      { callId },
      {
        enabled: valid,
        // Until the call is analysed (or its analysis gave up), look again: it lands seconds after the end.
        refetchInterval: (query) => {
          const data = query.state.data;
          const waiting = data && (data.call.endedAt === null || data.analysis?.status === "pending");
          return waiting ? ANALYSIS_REFRESH_MS : false;
        },
      },
    ),
  );
  const back = (
    <Anchor component={Link} to="/calls" size="sm">
      {t("detail.back")}
    </Anchor>
  );
  if (!valid)
    return (
      <Alert color="red">
        {t("detail.invalidId")} {back}
      </Alert>
    );
  if (detail.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (detail.isError)
    return (
      <Alert color="red">
        {errorMessage(detail.error)} {back}
      </Alert>
    );
  const { call, usage, recording, turns, events, analysis } = detail.data;
  return (
    <>
      {back}
      <PageHeader
        title={t(`detail.title.${call.direction}`, { from: formatPhoneNumber(call.fromNumber) })}
        description={`${format.dateTime(call.startedAt)} · ${call.agent?.name ?? t("common:unknownAgent")}`}
        actions={
          <Group gap="xs">
            <TranscriptDownload callId={call.id} />
            <Badge color={STATUS_COLORS[call.status]}>{labels.status(call.status)}</Badge>
            <Badge variant="light" color={call.engine === "realtime" ? "teal" : "gray"}>
              {labels.engine(call.engine)}
            </Badge>
            <TestCallBadge isTest={call.isTest} />
          </Group>
        }
      />
      <Stack mb="lg">
        <AnalysisCard call={call} analysis={analysis} />
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={7}>
          <Stack>
            <CallFacts call={call} />
            <Card withBorder radius="md" padding="lg">
              <Tabs defaultValue="conversation">
                <Tabs.List>
                  <Tabs.Tab value="conversation">{t("detail.conversation")}</Tabs.Tab>
                  <Tabs.Tab value="events">{t("detail.events", { events: events.length })}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="conversation" pt="md">
                  <ScrollArea.Autosize mah={560}>
                    <ConversationFeed events={events} focusLineId={focusLineId} />
                  </ScrollArea.Autosize>
                </Tabs.Panel>
                <Tabs.Panel value="events" pt="md">
                  <ScrollArea.Autosize mah={560}>
                    <EventTimeline events={events} />
                  </ScrollArea.Autosize>
                </Tabs.Panel>
              </Tabs>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={5}>
          <Stack>
            <LatencyChart turns={turns} />
            <Card withBorder radius="md" padding="lg" data-testid="recording">
              <Title order={5} mb="xs">
                {t("detail.recording")}
              </Title>
              {recording.available ? (
                <>
                  {/* biome-ignore lint/a11y/useMediaCaption: phone recordings have no captions; the transcript is beside it */}
                  <audio controls src={recording.url} style={{ width: "100%" }} />
                  {recording.durationSeconds !== null && (
                    <Text size="xs" c="dimmed">
                      {t("detail.recordingLength", { duration: formatDuration(recording.durationSeconds) })}
                    </Text>
                  )}
                </>
              ) : (
                <>
                  <Text size="sm">{t("detail.noRecording")}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`detail.noRecordingReason.${recording.reason}`)}
                  </Text>
                </>
              )}
            </Card>
            <UsageCard usage={usage} />
            <RatingCard key={call.id} call={call} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function CallFacts({ call }: { call: CallDetail["call"] }) {
  const { t } = useTranslation("calls");
  const labels = useLabels();
  const handoffBy = call.handoffBy ? labels.handoffBy(call.handoffBy) : t("detail.facts.handoff");
  const facts: [string, string][] = [
    [t("detail.facts.duration"), call.durationSeconds === null ? "—" : formatDuration(call.durationSeconds)],
    [t("detail.facts.toNumber"), formatPhoneNumber(call.toNumber)],
    [
      t("detail.facts.engineReason"),
      call.engineReason ? t(`detail.engineReasons.${call.engineReason}`) : "—",
    ],
    [t("detail.facts.model"), call.model ?? "—"],
    [t("detail.facts.agentVersion"), call.agentVersion === null ? "—" : `v${call.agentVersion}`],
    [t("detail.facts.customer"), call.customer?.name ?? t("detail.unknownCustomer")],
    ...(call.direction === "outbound" && call.placedBy
      ? [[t("detail.facts.placedBy"), call.placedBy.name] satisfies [string, string]]
      : []),
    [
      t("detail.facts.handoff"),
      call.handoffAt
        ? `${handoffBy}${call.handoffReason ? `: ${call.handoffReason}` : ""}`
        : t("detail.noHandoff"),
    ],
  ];
  return (
    <Card withBorder radius="md" padding="lg">
      <SimpleGrid cols={3} spacing="md">
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="sm" fw={500}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}
