import { callEventPayloadSchemas } from "@koe/shared";
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Divider,
  Group,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { ConversationFeed } from "../../call-events/conversation-feed.tsx";
import type { CallSummary, LiveCallEvent } from "../../lib/api-types.ts";
import { engineLabel } from "../../lib/labels.ts";
import { ElapsedTime } from "./elapsed-time.tsx";
import { TakeOverButton } from "./take-over-button.tsx";
import { useCallEvents } from "./use-call-events.ts";

/** The selected call as it happens: who, how long, the conversation, latency, take-over. */
export function LiveCallPanel({ callId, call }: { callId: string; call: CallSummary | null }) {
  const { events } = useCallEvents(callId);
  const viewport = useRef<HTMLDivElement>(null);
  // Keep the newest line in view as events arrive.
  useEffect(() => {
    if (events.length) viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [events.length]);
  const stats = turnStats(events);
  return (
    <Card withBorder radius="md" padding="lg" h="100%">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>{call?.fromNumber ?? "通話"}</Title>
          <Text size="sm" c="dimmed">
            {call ? `${call.agent?.name ?? "エージェント不明"} · ${engineLabel(call.engine)}` : ""}
          </Text>
        </div>
        <TakeOverButton callId={callId} disabled={!call || call.handoffAt !== null} />
      </Group>
      {!call && (
        <Alert color="gray" mt="sm">
          この通話は終了しました。
          <Anchor component={Link} to={`/calls/${callId}`}>
            通話の詳細を見る
          </Anchor>
        </Alert>
      )}
      {call?.handoffBy === "ai" && (
        <Alert color="orange" mt="sm" title="AI がオペレーターへの転送を求めました">
          お客様はオペレーター窓口へ転送されています。対応してください。
        </Alert>
      )}
      <SimpleGrid cols={4} mt="md">
        <Stat
          label="経過時間"
          value={call ? <ElapsedTime since={call.answeredAt ?? call.startedAt} size="lg" /> : "—"}
        />
        <Stat label="ターン数" value={String(stats.turns)} />
        <Stat label="直近の応答時間" value={stats.last === null ? "—" : `${Math.round(stats.last)} ms`} />
        <Stat label="平均応答時間" value={stats.average === null ? "—" : `${Math.round(stats.average)} ms`} />
      </SimpleGrid>
      <Divider my="md" />
      <ScrollArea h={440} offsetScrollbars viewportRef={viewport}>
        <ConversationFeed events={events} />
      </ScrollArea>
      {events.some((e) => e.type === "barge_in") && (
        <Badge mt="xs" color="grape" variant="light">
          割り込み {events.filter((e) => e.type === "barge_in").length} 回
        </Badge>
      )}
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600} component="div">
        {value}
      </Text>
    </Stack>
  );
}

function turnStats(events: LiveCallEvent[]) {
  const latencies = events
    .filter((e) => e.type === "turn_latency")
    .map((e) => callEventPayloadSchemas.turn_latency.safeParse(e.payload))
    .flatMap((p) => (p.success ? [p.data.latencyMs] : []));
  return {
    turns: latencies.length,
    last: latencies.at(-1) ?? null,
    average: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null,
  };
}
