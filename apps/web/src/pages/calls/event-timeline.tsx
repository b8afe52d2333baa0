import { Badge, Code, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { CallEventView } from "../../lib/api-types.ts";

/** Every event of the call in order, with its raw payload: the record behind the conversation view. */
export function EventTimeline({ events }: { events: CallEventView[] }) {
  const { t } = useTranslation("callEvents");
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
              <Code fz="xs" style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
                {JSON.stringify(event.payload)}
              </Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
