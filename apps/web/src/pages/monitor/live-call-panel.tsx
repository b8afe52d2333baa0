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
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConversationFeed } from "../../call-events/conversation-feed.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import type { CallSummary, LiveCallEvent } from "../../lib/api-types.ts";
import { useLabels } from "../../lib/labels.ts";
import { otherParty } from "./call-party.tsx";
import { ElapsedTime } from "./elapsed-time.tsx";
import { TakeOverButton } from "./take-over-button.tsx";
import { useCallEvents } from "./use-call-events.ts";

/** The selected call as it happens: who, how long, the conversation, latency, take-over. */
export function LiveCallPanel({ callId, call }: { callId: string; call: CallSummary | null }) {
  const { t } = useTranslation(["monitor", "common"]);
  const labels = useLabels();
  const format = useFormat();
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
          <Title order={4}>{call ? otherParty(call) : t("panel.call")}</Title>
          <Text size="sm" c="dimmed">
            {call ? `${call.agent?.name ?? t("common:unknownAgent")} · ${labels.engine(call.engine)}` : ""}
          </Text>
        </div>
        <TakeOverButton callId={callId} disabled={!call || call.handoffAt !== null} />
      </Group>
      {!call && (
        <Alert color="gray" mt="sm">
          {t("panel.ended")}{" "}
          <Anchor component={Link} to={`/calls/${callId}`}>
            {t("panel.details")}
          </Anchor>
        </Alert>
      )}
      {call?.handoffBy === "ai" && (
        <Alert color="orange" mt="sm" title={t("panel.aiHandoffTitle")}>
          {t("panel.aiHandoffBody")}
        </Alert>
      )}
      <SimpleGrid cols={4} mt="md">
        <Stat
          label={t("panel.elapsed")}
          value={call ? <ElapsedTime since={call.answeredAt ?? call.startedAt} size="lg" /> : "—"}
        />
        <Stat label={t("panel.turns")} value={String(stats.turns)} />
        <Stat label={t("panel.lastLatency")} value={stats.last === null ? "—" : format.ms(stats.last)} />
        <Stat
          label={t("panel.averageLatency")}
          value={stats.average === null ? "—" : format.ms(stats.average)}
        />
      </SimpleGrid>
      <Divider my="md" />
      <ScrollArea h={440} offsetScrollbars viewportRef={viewport}>
        <ConversationFeed events={events} />
      </ScrollArea>
      {events.some((e) => e.type === "barge_in") && (
        <Badge mt="xs" color="grape" variant="light">
          {t("panel.bargeIns", { times: events.filter((e) => e.type === "barge_in").length })}
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
