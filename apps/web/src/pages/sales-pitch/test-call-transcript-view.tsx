import { Box, Group, Paper, Stack, Text } from "@mantine/core";
import type { TranscriptLine } from "./test-call-transcript.ts";

/** The test call's conversation as it happens: the caller left, the agent right. */
export function TestCallTranscriptView({ lines }: { lines: TranscriptLine[] }) {
  if (lines.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="md">
        まだ発話はありません。
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="test-call-transcript" mah={320} style={{ overflowY: "auto" }}>
      {lines.map((line) => (
        <LineBubble key={line.itemId} line={line} />
      ))}
    </Stack>
  );
}

function LineBubble({ line }: { line: TranscriptLine }) {
  const agent = line.role === "agent";
  return (
    <Group justify={agent ? "flex-end" : "flex-start"}>
      <Box maw="80%">
        <Text size="xs" c="dimmed" ta={agent ? "right" : "left"}>
          {agent ? "AI エージェント" : "あなた"}
        </Text>
        <Paper
          p="xs"
          px="sm"
          radius="lg"
          bg={agent ? "indigo.0" : "white"}
          withBorder
          data-role={line.role}
          data-done={line.done}
        >
          <Text size="sm" c={line.text ? undefined : "dimmed"}>
            {line.text || "…"}
          </Text>
          {line.interrupted && (
            <Text size="xs" c="grape.7">
              (割り込みにより途中で終了)
            </Text>
          )}
        </Paper>
      </Box>
    </Group>
  );
}
