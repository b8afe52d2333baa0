/**
 * What a group's turn latency measures. The bridge times a realtime turn from the caller's speech
 * ending (`input_audio_buffer.speech_stopped`) to the model's first audio, which is what the
 * latency targets are about. A legacy turn is timed from Twilio posting the recognised speech to
 * the bridge answering TwiML: Twilio's speech recognition before it and speech synthesis after it
 * are outside, so the number is far below what the caller waits and is not comparable to the
 * targets or to realtime turns.
 */
export type LatencyScope =
  /** Realtime turns only: caller's speech end → first audio of the answer. */
  | "speech_end_to_first_audio"
  /** Legacy turns only: the bridge's own processing, without Twilio's recognition and synthesis. */
  | "bridge_processing_only"
  /** Both engines' turns (an agent on a partial rollout): a blend of the two measures. */
  | "mixed";

const NOTES: Record<LatencyScope, string | null> = {
  speech_end_to_first_audio: null,
  bridge_processing_only:
    "従来エンジンの遅延はブリッジ内の処理時間のみです(Twilioの音声認識・音声合成の時間を含みません)。目標値やRealtime APIとは比較できません。",
  mixed:
    "Realtime APIと従来エンジンのターンが混在しています。従来エンジンの遅延はブリッジ内の処理時間のみのため、目標値とは比較できません。",
};

/** The scope of `turns` latency samples of which `legacyTurns` came from the legacy engine. */
export function latencyScope(turns: number, legacyTurns: number) {
  const scope: LatencyScope | null =
    turns === 0
      ? null
      : legacyTurns === 0
        ? "speech_end_to_first_audio"
        : legacyTurns === turns
          ? "bridge_processing_only"
          : "mixed";
  return {
    scope,
    /** Whether the latency targets apply to these numbers (realtime turns only). */
    comparableToTargets: scope === "speech_end_to_first_audio",
    /** For the page to show beside legacy (or blended) latency, in Japanese; null for realtime. */
    note: scope ? NOTES[scope] : null,
  };
}
