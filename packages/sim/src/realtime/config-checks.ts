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
function toolsProblem(value: unknown, param: string): string | null {
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
  return null;
}

/** `output_modalities`: audio (with its transcript) or text, one of the two. */
function outputModalitiesProblem(value: unknown, param: string): string | null {
  if (Array.isArray(value) && value.length === 1 && (value[0] === "audio" || value[0] === "text"))
    return null;
  return `Invalid '${param}': expected ['audio'] or ['text'].`;
}

/** `max_output_tokens`: 1–4096, or "inf". */
function maxOutputTokensProblem(value: unknown, param: string): string | null {
  if (value === "inf") return null;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 4096) return null;
  return `Invalid '${param}': expected an integer from 1 to 4096, or 'inf'.`;
}

const SHARED_CHECKS = {
  output_modalities: outputModalitiesProblem,
  max_output_tokens: maxOutputTokensProblem,
  tools: toolsProblem,
};

/** The settings a session and one response both take, and GA checks alike in either. */
export type SharedSettings = Partial<
  Pick<RealtimeSessionCreateRequest, "output_modalities" | "max_output_tokens" | "tools">
>;

/**
 * Checks the settings a `session.update` and a `response.create` share; `prefix` ("session" or
 * "response") is where they stand, for the error's message and param. Returns those given.
 */
export function checkSharedSettings(
  given: Record<string, unknown>,
  prefix: "session" | "response",
): { ok: true; settings: SharedSettings } | { ok: false; message: string; param: string } {
  const settings: Record<string, unknown> = {};
  for (const [key, problem] of Object.entries(SHARED_CHECKS)) {
    if (given[key] === undefined) continue;
    const param = `${prefix}.${key}`;
    const message = problem(given[key], param);
    if (message) return { ok: false, message, param };
    settings[key] = given[key];
  }
  return { ok: true, settings };
}
