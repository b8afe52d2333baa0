import { Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type DescribeT, describeEvent, type FeedItem } from "../../call-events/describe-event.ts";
import { RawDetails } from "../../call-events/raw-details.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import type { CallEventView } from "../../lib/api-types.ts";

/** Every event of the call in order, in plain words, each with its raw record behind 「詳細」. */
export function EventTimeline({ events }: { events: CallEventView[] }) {
  const { t } = useTranslation(["callEvents", "labels"]);
  const format = useFormat();
  return (
    <Table fz="xs" verticalSpacing={4} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>{t("timeline.time")}</Table.Th>
          <Table.Th w={120}>{t("timeline.type")}</Table.Th>
          <Table.Th>{t("timeline.content")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((event) => (
          <Table.Tr key={event.id}>
            <Table.Td>{format.time(event.occurredAt)}</Table.Td>
            <Table.Td>
              <Badge size="xs" variant="light" color={event.type === "error" ? "red" : "gray"}>
                {t(`type.${event.type}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <Text size="xs">{summary(describeEvent(event, t), t)}</Text>
                <RawDetails raw={event.payload} />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One line for the event: what was said, the latency, or the note's or tool's plain words. */
function summary(item: FeedItem | null, t: DescribeT): string {
  if (!item) return "";
  switch (item.kind) {
    case "line":
      return item.text;
    case "latency":
      return t("turnLatency", { turn: item.turn, ms: Math.round(item.latencyMs) });
    case "tool":
      return `${item.name}: ${item.detail}`;
    case "note":
      return item.text;
  }
}
