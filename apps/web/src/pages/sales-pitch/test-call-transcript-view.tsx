import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SpeechBubble } from "../../call-events/speech-bubble.tsx";
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
  return (
    <SpeechBubble
      role={line.role}
      caption={line.role === "agent" ? t("callEvents:speaker.agent") : t("testCall.you")}
      truncated={line.interrupted}
      dimmed={!line.text || line.untranscribed}
      done={line.done}
    >
      {line.untranscribed ? t("testCall.untranscribed") : line.text || "…"}
    </SpeechBubble>
  );
}
