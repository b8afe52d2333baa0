import { REALTIME_VOICES } from "@koe/shared";
import type {
  RealtimeAudioFormats,
  RealtimeAudioInputTurnDetection,
  RealtimeSessionCreateRequest,
} from "openai/resources/realtime/realtime";
import type { ClientEventError } from "./client-events.ts";
import { checkSharedSettings, TRANSCRIPTION_MODELS } from "./config-checks.ts";

const GA_SESSION_KEYS = new Set([
  "type",
  "audio",
  "include",
  "instructions",
  "max_output_tokens",
  "model",
  "output_modalities",
  "parallel_tool_calls",
  "prompt",
  "reasoning",
  "tool_choice",
  "tools",
  "tracing",
  "truncation",
]);

/** What a new GA session starts with (as `session.created` reports it). */
export function defaultSession(model: string): RealtimeSessionCreateRequest {
  return {
    type: "realtime",
    model,
    instructions: "",
    output_modalities: ["audio"],
    audio: {
      input: {
        format: { type: "audio/pcm", rate: 24000 },
        turn_detection: {
          type: "server_vad",
          threshold: 0.5,
          prefix_padding_ms: 300,
          silence_duration_ms: 500,
          create_response: true,
          interrupt_response: true,
          idle_timeout_ms: null,
        },
      },
      output: { format: { type: "audio/pcm", rate: 24000 }, voice: "alloy", speed: 1 },
    },
    tools: [],
    tool_choice: "auto",
    max_output_tokens: "inf",
    tracing: null,
    truncation: "auto",
  };
}

type Update = { ok: true; session: RealtimeSessionCreateRequest } | { ok: false; error: ClientEventError };

/**
 * Applies a `session.update` the way GA does: refuses beta shapes and values GA does not accept,
 * otherwise merges into the effective session. `audioProduced`: the voice is fixed from then on.
 */
export function applySessionUpdate(
  current: RealtimeSessionCreateRequest,
  update: unknown,
  audioProduced: boolean,
): Update {
  const fail = (code: string, message: string, param: string): Update => ({
    ok: false,
    error: { code, message, param, eventId: null },
  });
  if (typeof update !== "object" || update === null)
    return fail("invalid_type", "Invalid 'session': expected an object.", "session");
  const patch = update as Record<string, unknown>;
  if (patch.type === undefined)
    return fail("missing_required_parameter", "Missing required parameter: 'session.type'.", "session.type");
  if (patch.type !== "realtime") {
    return fail(
      "invalid_value",
      `Invalid value: '${String(patch.type)}'. The simulator serves 'realtime' sessions.`,
      "session.type",
    );
  }
  for (const key of Object.keys(patch)) {
    if (!GA_SESSION_KEYS.has(key))
      return fail("unknown_parameter", `Unknown parameter: 'session.${key}'.`, `session.${key}`);
  }
  const next: RealtimeSessionCreateRequest = structuredClone(current);
  if (typeof patch.instructions === "string") next.instructions = patch.instructions;
  const shared = checkSharedSettings(patch, "session");
  if (!shared.ok) return fail("invalid_value", shared.message, shared.param);
  Object.assign(next, shared.settings);
  // Accepted as set and echoed back as set; the simulator's script does not depend on them.
  for (const key of ["include", "parallel_tool_calls", "prompt", "tracing", "truncation"] as const) {
    if (patch[key] !== undefined) Object.assign(next, { [key]: patch[key] });
  }
  if (patch.model !== undefined && patch.model !== current.model) {
    return fail("invalid_value", "The model of a session cannot be changed.", "session.model");
  }
  if (patch.reasoning !== undefined) {
    if (!String(current.model).startsWith("gpt-realtime-2")) {
      return fail(
        "unsupported_parameter",
        `'session.reasoning' is not supported with model '${current.model}'.`,
        "session.reasoning",
      );
    }
    next.reasoning = patch.reasoning as RealtimeSessionCreateRequest["reasoning"];
  }
  if (patch.tool_choice !== undefined)
    next.tool_choice = patch.tool_choice as RealtimeSessionCreateRequest["tool_choice"];
  if (patch.audio !== undefined) {
    const error = mergeAudio(next, patch.audio, audioProduced);
    if (error) return fail(error.code, error.message, error.param);
  }
  return { ok: true, session: next };
}

type AudioError = { code: string; message: string; param: string };

function mergeAudio(
  next: RealtimeSessionCreateRequest,
  value: unknown,
  audioProduced: boolean,
): AudioError | null {
  const audio = value as { input?: Record<string, unknown>; output?: Record<string, unknown> };
  const input = next.audio?.input ?? {};
  const output = next.audio?.output ?? {};
  if (audio.input) {
    if (audio.input.format !== undefined) {
      const format = checkFormat(audio.input.format, "session.audio.input.format");
      if ("code" in format) return format;
      input.format = format;
    }
    if (audio.input.turn_detection !== undefined) {
      const td = audio.input.turn_detection as RealtimeAudioInputTurnDetection | null;
      if (td !== null && td.type !== "server_vad" && td.type !== "semantic_vad") {
        return {
          code: "invalid_value",
          message: "Invalid 'session.audio.input.turn_detection.type'.",
          param: "session.audio.input.turn_detection.type",
        };
      }
      if (td?.type === "server_vad" && td.threshold !== undefined && (td.threshold < 0 || td.threshold > 1)) {
        return {
          code: "invalid_value",
          message: "Invalid 'threshold': expected a value between 0 and 1.",
          param: "session.audio.input.turn_detection.threshold",
        };
      }
      const defaults =
        td?.type === "server_vad" ? { threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 } : {};
      input.turn_detection =
        td === null ? null : { create_response: true, interrupt_response: true, ...defaults, ...td };
    }
    if (audio.input.transcription !== undefined) {
      const transcription = audio.input.transcription as typeof input.transcription;
      const model = transcription?.model;
      if (model !== undefined && !(TRANSCRIPTION_MODELS as readonly string[]).includes(model)) {
        return {
          code: "invalid_value",
          message: `Invalid value: '${model}'. Supported values are: '${TRANSCRIPTION_MODELS.join("', '")}'.`,
          param: "session.audio.input.transcription.model",
        };
      }
      input.transcription = transcription;
    }
    if (audio.input.noise_reduction !== undefined)
      input.noise_reduction = audio.input.noise_reduction as typeof input.noise_reduction;
  }
  if (audio.output) {
    if (audio.output.format !== undefined) {
      const format = checkFormat(audio.output.format, "session.audio.output.format");
      if ("code" in format) return format;
      output.format = format;
    }
    if (audio.output.voice !== undefined) {
      const voice = audio.output.voice;
      if (typeof voice !== "string" || !(REALTIME_VOICES as readonly string[]).includes(voice)) {
        return {
          code: "invalid_value",
          message: `Invalid value: '${String(voice)}'. Supported values are: '${REALTIME_VOICES.join("', '")}'.`,
          param: "session.audio.output.voice",
        };
      }
      if (audioProduced && voice !== output.voice) {
        return {
          code: "cannot_update_voice",
          message: "Cannot update a conversation's voice if assistant audio is present.",
          param: "session.audio.output.voice",
        };
      }
      output.voice = voice;
    }
    if (audio.output.speed !== undefined) {
      const speed = audio.output.speed;
      if (typeof speed !== "number" || speed < 0.25 || speed > 1.5) {
        return {
          code: "invalid_value",
          message: `Invalid 'session.audio.output.speed': expected a value between 0.25 and 1.5, got ${String(speed)}.`,
          param: "session.audio.output.speed",
        };
      }
      output.speed = speed;
    }
  }
  next.audio = { input, output };
  return null;
}

function checkFormat(value: unknown, param: string): RealtimeAudioFormats | AudioError {
  const format = value as { type?: unknown; rate?: unknown };
  if (format?.type === "audio/pcmu") return { type: "audio/pcmu" };
  if (format?.type === "audio/pcma") return { type: "audio/pcma" };
  if (format?.type === "audio/pcm" && (format.rate === undefined || format.rate === 24000)) {
    return { type: "audio/pcm", rate: 24000 };
  }
  return {
    code: "invalid_value",
    message: `Invalid '${param}': expected {type: 'audio/pcm', rate: 24000}, {type: 'audio/pcmu'} or {type: 'audio/pcma'}.`,
    param,
  };
}
