import { Box, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TranscriptLine } from "./test-call-transcript.ts";

/** The test call's conversation as it happens: the caller left, the agent right. */
export function TestCallTranscriptView({ lines }: { lines: TranscriptLine[] }) {
  const { t } = useTranslation("callEvents");
  if (lines.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="md">
        {t("empty")}
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
  const { t } = useTranslation(["salesPitch", "callEvents"]);
  const agent = line.role === "agent";
  return (
    <Group justify={agent ? "flex-end" : "flex-start"}>
      <Box maw="80%">
        <Text size="xs" c="dimmed" ta={agent ? "right" : "left"}>
          {agent ? t("callEvents:speaker.agent") : t("testCall.you")}
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
          <Text size="sm" c={line.text && !line.untranscribed ? undefined : "dimmed"}>
            {line.untranscribed ? t("testCall.untranscribed") : line.text || "…"}
          </Text>
          {line.interrupted && (
            <Text size="xs" c="grape.7">
              {t("callEvents:truncated")}
            </Text>
          )}
        </Paper>
      </Box>
    </Group>
  );
}
