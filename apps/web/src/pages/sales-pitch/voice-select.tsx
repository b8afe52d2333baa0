import { REALTIME_VOICES, type RealtimeVoice } from "@koe/shared";
import { ActionIcon, Group, Select, Text, Tooltip } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../trpc.ts";

const RECOMMENDED: ReadonlySet<string> = new Set(["marin", "cedar"]);
const VOICE_OPTIONS = REALTIME_VOICES.map((voice) => ({
  value: voice,
  label: RECOMMENDED.has(voice) ? `${voice}(おすすめ)` : voice,
}));

type PreviewState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "playing" }
  | { kind: "failed"; reason: string };

/** The GA voices (fable, onyx and nova are TTS-only) with a sample played from the api. */
export function VoiceSelect(props: {
  value: RealtimeVoice;
  onChange: (voice: RealtimeVoice) => void;
  error?: React.ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<PreviewState>({ kind: "idle" });

  const play = async () => {
    setPreview({ kind: "loading" });
    try {
      const sample = await queryClient.fetchQuery(
        trpc.salesPitch.voicePreview.queryOptions(
          { voice: props.value },
          { staleTime: Number.POSITIVE_INFINITY },
        ),
      );
      if (!sample.available) return setPreview({ kind: "failed", reason: sample.reason });
      const audio = new Audio(`data:${sample.contentType};base64,${sample.audioBase64}`);
      audio.onended = () => setPreview({ kind: "idle" });
      await audio.play();
      setPreview({ kind: "playing" });
    } catch {
      setPreview({ kind: "failed", reason: "音声プレビューを再生できませんでした。" });
    }
  };

  return (
    <div>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          label="音声"
          description="GA の Realtime API で使える音声です(fable・onyx・nova は TTS 専用のため選べません)"
          data={VOICE_OPTIONS}
          value={props.value}
          onChange={(value) => {
            if (value) props.onChange(value as RealtimeVoice);
            setPreview({ kind: "idle" });
          }}
          allowDeselect={false}
          error={props.error}
          style={{ flex: 1 }}
          data-testid="voice-select"
        />
        <Tooltip label="この音声のサンプルを再生">
          <ActionIcon
            size={36}
            variant="light"
            aria-label="音声プレビューを再生"
            loading={preview.kind === "loading"}
            onClick={() => void play()}
          >
            {preview.kind === "playing" ? "■" : "▶"}
          </ActionIcon>
        </Tooltip>
      </Group>
      {preview.kind === "failed" && (
        <Text size="xs" c="orange.8" mt={4}>
          {preview.reason}
        </Text>
      )}
    </div>
  );
}
