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
import { Link, useParams } from "react-router";
import { ConversationFeed } from "../../call-events/conversation-feed.tsx";
import { PageHeader } from "../../layout/page-header.tsx";
import type { CallDetail } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import {
  DIRECTION_LABELS,
  engineLabel,
  HANDOFF_BY_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from "../../lib/labels.ts";
import { useTRPC } from "../../trpc.ts";
import { EventTimeline } from "./event-timeline.tsx";
import { LatencyChart } from "./latency-chart.tsx";
import { RatingCard } from "./rating-card.tsx";
import { UsageCard } from "./usage-card.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ENGINE_REASONS: Record<string, string> = {
  kill_switch_off: "キルスイッチ OFF",
  agent_realtime_disabled: "エージェントで無効",
  rollout_bucket_excluded: "ロールアウト対象外",
  rollout_bucket_included: "ロールアウト対象",
  over_budget: "予算超過",
};

/** /calls/:callId: one call's conversation, events, latency, usage, recording and QA rating. */
export function CallDetailPage() {
  const trpc = useTRPC();
  const { callId = "" } = useParams();
  const valid = UUID.test(callId);
  const detail = useQuery(trpc.calls.byId.queryOptions({ callId }, { enabled: valid }));
  const back = (
    <Anchor component={Link} to="/calls" size="sm">
      ← 通話履歴に戻る
    </Anchor>
  );
  if (!valid) return <Alert color="red">通話 ID の形式が正しくありません。{back}</Alert>;
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
  const { call, usage, recording, turns, events } = detail.data;
  return (
    <>
      {back}
      <PageHeader
        title={`${call.fromNumber} からの${DIRECTION_LABELS[call.direction]}`}
        description={`${formatDateTime(call.startedAt)} · ${call.agent?.name ?? "エージェント不明"}`}
        actions={
          <Group gap="xs">
            <Badge color={STATUS_COLORS[call.status]}>{STATUS_LABELS[call.status]}</Badge>
            <Badge variant="light" color={call.engine === "realtime" ? "teal" : "gray"}>
              {engineLabel(call.engine)}
            </Badge>
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={7}>
          <Stack>
            <CallFacts call={call} />
            <Card withBorder radius="md" padding="lg">
              <Tabs defaultValue="conversation">
                <Tabs.List>
                  <Tabs.Tab value="conversation">会話</Tabs.Tab>
                  <Tabs.Tab value="events">イベント({events.length})</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="conversation" pt="md">
                  <ScrollArea.Autosize mah={560}>
                    <ConversationFeed events={events} />
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
            {recording && (
              <Card withBorder radius="md" padding="lg">
                <Title order={5} mb="xs">
                  録音
                </Title>
                {/* biome-ignore lint/a11y/useMediaCaption: phone recordings have no captions; the transcript is beside it */}
                <audio controls src={recording.url} style={{ width: "100%" }} />
                {recording.durationSeconds !== null && (
                  <Text size="xs" c="dimmed">
                    長さ {formatDuration(recording.durationSeconds)}
                  </Text>
                )}
              </Card>
            )}
            <UsageCard usage={usage} />
            <RatingCard key={call.id} call={call} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function CallFacts({ call }: { call: CallDetail["call"] }) {
  const facts: [string, string][] = [
    ["通話時間", call.durationSeconds === null ? "—" : formatDuration(call.durationSeconds)],
    ["着信番号", call.toNumber],
    ["エンジンの理由", call.engineReason ? (ENGINE_REASONS[call.engineReason] ?? call.engineReason) : "—"],
    ["モデル", call.model ?? "—"],
    ["お客様", call.customer?.name ?? "未登録"],
    ...(call.direction === "outbound" && call.placedBy
      ? [["発信者", call.placedBy.name] satisfies [string, string]]
      : []),
    [
      "転送",
      call.handoffAt
        ? `${HANDOFF_BY_LABELS[call.handoffBy ?? ""] ?? "転送"}${call.handoffReason ? `: ${call.handoffReason}` : ""}`
        : "なし",
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
