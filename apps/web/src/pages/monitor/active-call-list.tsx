import { Badge, Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import type { CallSummary } from "../../lib/api-types.ts";
import { engineLabel, STATUS_COLORS, STATUS_LABELS } from "../../lib/labels.ts";
import { ElapsedTime } from "./elapsed-time.tsx";

export function ActiveCallList(props: {
  calls: CallSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  if (props.calls.length === 0) {
    return (
      <Paper withBorder p="lg" ta="center">
        <Text c="dimmed" size="sm">
          現在進行中の通話はありません。
        </Text>
        <Text c="dimmed" size="xs" mt={4}>
          通話が始まると自動的にここに表示されます。
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="xs" data-testid="active-calls">
      {props.calls.map((call) => (
        <UnstyledButton key={call.id} onClick={() => props.onSelect(call.id)} data-testid="active-call">
          <Paper
            withBorder
            p="sm"
            radius="md"
            bg={call.id === props.selectedId ? "indigo.0" : "white"}
            style={{ borderColor: call.handoffBy === "ai" ? "var(--mantine-color-orange-5)" : undefined }}
          >
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} size="sm">
                {call.fromNumber}
              </Text>
              <ElapsedTime since={call.answeredAt ?? call.startedAt} />
            </Group>
            <Text size="xs" c="dimmed">
              {call.agent?.name ?? "エージェント不明"} · {call.toNumber}
            </Text>
            <Group gap={4} mt={6}>
              <Badge size="xs" color={STATUS_COLORS[call.status]}>
                {STATUS_LABELS[call.status]}
              </Badge>
              <Badge size="xs" variant="light" color={call.engine === "realtime" ? "teal" : "gray"}>
                {engineLabel(call.engine)}
              </Badge>
              {call.handoffAt && (
                <Badge size="xs" color="orange">
                  {call.handoffBy === "ai" ? "AI が転送を要求" : "転送済み"}
                </Badge>
              )}
            </Group>
          </Paper>
        </UnstyledButton>
      ))}
    </Stack>
  );
}
