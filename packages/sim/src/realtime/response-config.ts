import { REALTIME_VOICES } from "@koe/shared";
import type {
  RealtimeAudioFormats,
  RealtimeResponseCreateParams,
  RealtimeSessionCreateRequest,
} from "openai/resources/realtime/realtime";
import { checkSharedSettings } from "./config-checks.ts";
import type { Refusal } from "./conversation.ts";
import type { ToolOffer } from "./scenario-script.ts";

/** What one response is made with: the session's config with the `response.create` overrides applied. */
export type ResponseConfig = {
  outputModalities: Array<"audio" | "text">;
  format: RealtimeAudioFormats | undefined;
  voice: string | undefined;
  speed: number;
  maxOutputTokens: number | "inf";
  metadata: RealtimeResponseCreateParams["metadata"];
  /** `conversation: "none"`: the response's items stay out of the default conversation. */
  outOfBand: boolean;
  instructions: string;
  tools: ToolOffer;
};

const RESPONSE_KEYS = new Set<string>([
  "audio",
  "conversation",
  "input",
  "instructions",
  "max_output_tokens",
  "metadata",
  "output_modalities",
  "parallel_tool_calls",
  "prompt",
  "reasoning",
  "tool_choice",
  "tools",
] satisfies Array<keyof RealtimeResponseCreateParams>);

type Resolved = { ok: true; config: ResponseConfig } | { ok: false; error: Refusal };

/** Resolves a `response.create`'s `response` (or none: a response by the session's config). */
export function resolveResponse(
  session: RealtimeSessionCreateRequest,
  params: RealtimeResponseCreateParams | undefined,
): Resolved {
  const fail = (code: string, message: string, param: string): Resolved => ({
    ok: false,
    error: { code, message, param },
  });
  const p = (params ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if (!RESPONSE_KEYS.has(key))
      return fail("unknown_parameter", `Unknown parameter: 'response.${key}'.`, `response.${key}`);
  }
  const output = session.audio?.output;
  const sessionVoice = typeof output?.voice === "string" ? output.voice : output?.voice?.id;
  const config: ResponseConfig = {
    outputModalities: session.output_modalities ?? ["audio"],
    format: output?.format,
    voice: sessionVoice,
    speed: output?.speed ?? 1,
    maxOutputTokens: session.max_output_tokens ?? "inf",
    metadata: null,
    outOfBand: false,
    instructions: session.instructions ?? "",
    tools: { tools: session.tools, tool_choice: session.tool_choice },
  };
  if (p.conversation !== undefined) {
    if (p.conversation !== "auto" && p.conversation !== "none") {
      return fail(
        "invalid_value",
        "Invalid 'response.conversation': expected 'auto' or 'none'.",
        "response.conversation",
      );
    }
    config.outOfBand = p.conversation === "none";
  }
  const shared = checkSharedSettings(p, "response");
  if (!shared.ok) return fail("invalid_value", shared.message, shared.param);
  const { output_modalities, max_output_tokens, tools } = shared.settings;
  if (output_modalities) config.outputModalities = output_modalities;
  if (max_output_tokens !== undefined) config.maxOutputTokens = max_output_tokens;
  if (tools) config.tools = { ...config.tools, tools };
  if (p.tool_choice !== undefined)
    config.tools = { ...config.tools, tool_choice: p.tool_choice as ToolOffer["tool_choice"] };
  if (typeof p.instructions === "string") config.instructions = p.instructions;
  if (p.metadata !== undefined) config.metadata = p.metadata as ResponseConfig["metadata"];
  const audio = (p.audio as RealtimeResponseCreateParams["audio"])?.output;
  if (audio?.voice !== undefined) {
    const voice = typeof audio.voice === "string" ? audio.voice : audio.voice.id;
    if (!(REALTIME_VOICES as readonly string[]).includes(voice)) {
      return fail("invalid_value", `Invalid value: '${voice}'.`, "response.audio.output.voice");
    }
    config.voice = voice;
  }
  if (audio?.format !== undefined) config.format = audio.format;
  return { ok: true, config };
}
