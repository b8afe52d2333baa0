import { REALTIME_VOICES, type RealtimeVoice } from "@koe/shared";
import { ActionIcon, Group, Select, Text, Tooltip } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../trpc.ts";

const RECOMMENDED: ReadonlySet<string> = new Set(["marin", "cedar"]);

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
  const { t } = useTranslation("salesPitch");
  const voiceOptions = REALTIME_VOICES.map((voice) => ({
    value: voice,
    label: RECOMMENDED.has(voice) ? t("voice.recommended", { voice }) : voice,
  }));
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
      if (!sample.available)
        return setPreview({ kind: "failed", reason: t(`voice.unavailable.${sample.reason}`) });
      const audio = new Audio(`data:${sample.contentType};base64,${sample.audioBase64}`);
      audio.onended = () => setPreview({ kind: "idle" });
      await audio.play();
      setPreview({ kind: "playing" });
    } catch {
      setPreview({ kind: "failed", reason: t("voice.previewFailed") });
    }
  };

  return (
    <div>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          label={t("realtime.fields.voice")}
          description={t("voice.description")}
          data={voiceOptions}
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
        <Tooltip label={t("voice.preview")}>
          <ActionIcon
            size={36}
            variant="light"
            aria-label={t("voice.previewLabel")}
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
