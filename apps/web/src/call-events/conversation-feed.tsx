import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/use-format.ts";
import type { CallEventView } from "../lib/api-types.ts";
import { describeEvent, type FeedItem } from "./describe-event.ts";
import { RawDetails } from "./raw-details.tsx";
import { SpeechBubble } from "./speech-bubble.tsx";

/**
 * A call's events as a conversation: caller left, agent right, tools, barge-ins and latency between.
 * `focusLineId` (a transcript event's id, from a search result) is scrolled to and highlighted.
 */
export function ConversationFeed({
  events,
  focusLineId,
}: {
  events: CallEventView[];
  focusLineId?: string | null;
}) {
  const { t } = useTranslation(["callEvents", "labels"]);
  const items = events
    .map((event) => describeEvent(event, t))
    .filter((item): item is FeedItem => item !== null);
  const hasFocus = items.some((item) => item.id === focusLineId);
  useEffect(() => {
    if (!hasFocus || !focusLineId) return;
    document
      .querySelector(`[data-line-id="${CSS.escape(focusLineId)}"]`)
      ?.scrollIntoView({ block: "center" });
  }, [hasFocus, focusLineId]);
  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="xl">
        {t("empty")}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="conversation-feed">
      {items.map((item) => (
        <FeedRow key={item.id} item={item} focused={item.id === focusLineId} />
      ))}
    </Stack>
  );
}

function FeedRow({ item, focused }: { item: FeedItem; focused: boolean }) {
  const { t } = useTranslation("callEvents");
  const format = useFormat();
  if (item.kind === "line") {
    return (
      <div data-line-id={item.id}>
        <SpeechBubble
          role={item.role}
          caption={`${t(`speaker.${item.role}`)} · ${format.time(item.at)}`}
          truncated={item.truncated}
          highlighted={focused}
        >
          {item.text}
        </SpeechBubble>
      </div>
    );
  }
  if (item.kind === "latency") {
    return (
      <Group justify="flex-end" gap={4}>
        <Badge
          size="sm"
          variant="light"
          color={item.latencyMs < 800 ? "teal" : "orange"}
          data-testid="turn-latency"
        >
          {t("turnLatency", { turn: item.turn, ms: Math.round(item.latencyMs) })}
        </Badge>
      </Group>
    );
  }
  if (item.kind === "tool") {
    return (
      <Paper withBorder p="xs" bg="gray.0">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Badge
            size="sm"
            color={item.ok === false ? "red" : "cyan"}
            variant="light"
            style={{ flexShrink: 0 }}
          >
            {item.ok === null ? t("tool.call") : t("tool.result")}
          </Badge>
          <Text size="xs" fw={600}>
            {item.name}
          </Text>
          <Text size="xs">{item.detail}</Text>
        </Group>
        <RawDetails raw={item.raw} />
      </Paper>
    );
  }
  return (
    <Stack gap={2} align="center">
      <Group gap="xs" wrap="nowrap" justify="center">
        <Badge size="sm" color={item.color} variant="light" style={{ flexShrink: 0 }}>
          {item.label}
        </Badge>
        <Text size="xs" c="dimmed">
          {item.text}
        </Text>
        <RawDetails raw={item.raw} />
      </Group>
    </Stack>
  );
}
