import type { RealtimeAudioConfigOutput } from "openai/resources/realtime/realtime";

type SdkVoice = Exclude<NonNullable<RealtimeAudioConfigOutput["voice"]>, RealtimeAudioConfigOutput.ID>;

/**
 * Voices the GA Realtime API accepts. fable, onyx and nova are TTS-only voices and are not offered.
 * marin and cedar are the recommended ones.
 */
export const REALTIME_VOICES = [
  "marin",
  "cedar",
  "alloy",
  "ash",
  "ballad",
  "coral",
  "echo",
  "sage",
  "shimmer",
  "verse",
] as const satisfies readonly SdkVoice[];
export type RealtimeVoice = (typeof REALTIME_VOICES)[number];

export const DEFAULT_REALTIME_VOICE: RealtimeVoice = "marin";
