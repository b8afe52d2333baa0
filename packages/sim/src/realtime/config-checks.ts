import type { AudioTranscription, RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";

/**
 * Transcription models the API accepts: the SDK's list (its type only, so written out here; the
 * type check keeps each name one the SDK knows).
 */
export const TRANSCRIPTION_MODELS = [
  "whisper-1",
  "gpt-transcribe",
  "gpt-live-transcribe",
  "gpt-4o-mini-transcribe",
  "gpt-4o-mini-transcribe-2025-12-15",
  "gpt-4o-transcribe",
  "gpt-4o-transcribe-diarize",
  "gpt-realtime-whisper",
] as const satisfies ReadonlyArray<NonNullable<AudioTranscription["model"]>>;

/** Function tools as GA checks them, for a session or one response. A string: what is wrong. */
export function checkTools(value: unknown, param: string): RealtimeSessionCreateRequest["tools"] | string {
  if (!Array.isArray(value)) return `Invalid '${param}': expected an array.`;
  for (const [i, tool] of value.entries()) {
    if (typeof tool !== "object" || tool === null) return `Invalid '${param}[${i}]': expected an object.`;
    const t = tool as Record<string, unknown>;
    if (t.type !== "function") return `Invalid '${param}[${i}].type': expected 'function'.`;
    if (typeof t.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name)) {
      return `Invalid '${param}[${i}].name': must match '^[a-zA-Z0-9_-]{1,64}$'.`;
    }
    const parameters = t.parameters as Record<string, unknown> | undefined;
    if (parameters !== undefined && (typeof parameters !== "object" || parameters.type !== "object")) {
      return `Invalid '${param}[${i}].parameters': expected a JSON schema of type 'object'.`;
    }
  }
  return value as RealtimeSessionCreateRequest["tools"];
}

/** `output_modalities`: audio (with its transcript) or text, one of the two. */
export function checkOutputModalities(value: unknown, param: string): Array<"audio" | "text"> | string {
  if (Array.isArray(value) && value.length === 1 && (value[0] === "audio" || value[0] === "text")) {
    return [value[0]];
  }
  return `Invalid '${param}': expected ['audio'] or ['text'].`;
}

/** `max_output_tokens`: 1–4096, or "inf". */
export function checkMaxOutputTokens(value: unknown, param: string): number | "inf" | string {
  if (value === "inf") return value;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 4096) return value;
  return `Invalid '${param}': expected an integer from 1 to 4096, or 'inf'.`;
}
