import { Card, Table, Text, Title } from "@mantine/core";
import type { CallDetail } from "../../lib/api-types.ts";
import { formatUsd } from "../../lib/format.ts";

const ROWS: [keyof Omit<CallDetail["usage"], "costUsd">, string][] = [
  ["inputAudioTokens", "入力音声"],
  ["inputCachedTokens", "入力(キャッシュ)"],
  ["inputTextTokens", "入力テキスト"],
  ["outputAudioTokens", "出力音声"],
  ["outputTextTokens", "出力テキスト"],
  ["transcriptionTokens", "文字起こし"],
];

export function UsageCard({ usage }: { usage: CallDetail["usage"] }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={5} mb="xs">
        使用量と費用
      </Title>
      <Text size="xl" fw={700}>
        {formatUsd(usage.costUsd)}
      </Text>
      <Table fz="sm" mt="xs">
        <Table.Tbody>
          {ROWS.map(([key, label]) => (
            <Table.Tr key={key}>
              <Table.Td>{label}</Table.Td>
              <Table.Td ta="right">{usage[key].toLocaleString("ja-JP")} トークン</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
