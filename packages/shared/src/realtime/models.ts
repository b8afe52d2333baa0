import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";

type SdkRealtimeModel = NonNullable<RealtimeSessionCreateRequest["model"]>;

/** The GA models Koe offers: full and mini. The gpt-4o-realtime names are retired. */
export const REALTIME_MODELS = [
  "gpt-realtime-2.1",
  "gpt-realtime-2.1-mini",
] as const satisfies readonly SdkRealtimeModel[];
export type RealtimeModel = (typeof REALTIME_MODELS)[number];

export const DEFAULT_REALTIME_MODEL: RealtimeModel = "gpt-realtime-2.1";

export function isRealtimeModel(model: string | null): model is RealtimeModel {
  return (REALTIME_MODELS as readonly (string | null)[]).includes(model);
}

/** The cheaper model a company falls back to when its monthly budget is spent. */
export const BUDGET_FALLBACK_MODEL: RealtimeModel = "gpt-realtime-2.1-mini";

/** Reasoning-capable models accept `reasoning.effort` (the gpt-realtime-2 family). */
export function isReasoningModel(model: string): boolean {
  return model.startsWith("gpt-realtime-2");
}

/**
 * Models with a published shutdown date (from the SDK's deprecation notes), so the UI can warn.
 * ISO dates.
 */
export const REALTIME_MODEL_SHUTDOWNS: Readonly<Partial<Record<SdkRealtimeModel, string>>> = {
  "gpt-realtime": "2027-01-20",
  "gpt-realtime-2025-08-28": "2027-01-20",
  "gpt-realtime-mini": "2027-01-20",
  "gpt-realtime-mini-2025-12-15": "2027-01-20",
};

/** USD per one million tokens, as published for each model. */
export type TokenPrices = {
  audioInput: number;
  cachedAudioInput: number;
  audioOutput: number;
  textInput: number;
  textOutput: number;
};

export const REALTIME_PRICES_PER_MILLION: Readonly<Record<RealtimeModel, TokenPrices>> = {
  "gpt-realtime-2.1": {
    audioInput: 32,
    cachedAudioInput: 0.4,
    audioOutput: 64,
    textInput: 4,
    textOutput: 24,
  },
  "gpt-realtime-2.1-mini": {
    audioInput: 10,
    cachedAudioInput: 0.3,
    audioOutput: 20,
    textInput: 0.6,
    textOutput: 2.4,
  },
};
