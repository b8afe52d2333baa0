import { Badge, Code, Table } from "@mantine/core";
import type { CallEventView } from "../../lib/api-types.ts";
import { formatTime } from "../../lib/format.ts";

const TYPE_LABELS: Record<CallEventView["type"], string> = {
  transcript: "発話",
  tool_call: "ツール呼び出し",
  tool_result: "ツール結果",
  handoff: "転送",
  barge_in: "割り込み",
  turn_latency: "応答時間",
  usage: "使用量",
  status: "状態",
  error: "エラー",
  alert: "警告",
  dtmf: "ボタン",
};

/** Every event of the call in order, with its raw payload: the record behind the conversation view. */
export function EventTimeline({ events }: { events: CallEventView[] }) {
  return (
    <Table fz="xs" verticalSpacing={4} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>時刻</Table.Th>
          <Table.Th w={120}>種類</Table.Th>
          <Table.Th>内容</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((event) => (
          <Table.Tr key={event.id}>
            <Table.Td>{formatTime(event.occurredAt)}</Table.Td>
            <Table.Td>
              <Badge size="xs" variant="light" color={event.type === "error" ? "red" : "gray"}>
                {TYPE_LABELS[event.type] ?? event.type}
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
