import { base64AudioSchema } from "@koe/shared";
import type {
  ConversationItemAdded,
  ConversationItemInputAudioTranscriptionFailedEvent,
  InputAudioBufferCommittedEvent,
  InputAudioBufferSpeechStartedEvent,
  InputAudioBufferSpeechStoppedEvent,
  RealtimeErrorEvent,
  RealtimeResponseUsage,
  RealtimeServerEvent,
  ResponseAudioDeltaEvent,
  ResponseAudioDoneEvent,
  ResponseAudioTranscriptDoneEvent,
  ResponseCreatedEvent,
  ResponseDoneEvent,
  ResponseFunctionCallArgumentsDoneEvent,
  SessionCreatedEvent,
  ConversationItemInputAudioTranscriptionCompletedEvent as TranscriptionCompleted,
} from "openai/resources/realtime/realtime";
import { z } from "zod";
import { type AudioDelta, readAudioDelta, readAudioDeltaText } from "./audio-delta.ts";

/*
 * The OpenAI GA server events the bridge acts on, each reduced to exactly the fields Koe reads.
 * Every schema `satisfies` a type picked from the SDK's own event types, so a renamed or retyped
 * field fails the typecheck instead of drifting. Fields Koe can do without (usage, ids it only
 * records) are optional and fall back to undefined when malformed, so the event still counts;
 * a missing or malformed field Koe needs makes the whole event invalid: it is skipped.
 */

/**
 * Text Koe stores. PostgreSQL refuses NUL in text and jsonb, and one such row would fail the
 * journal's whole batch (every call's events), so NUL is dropped.
 */
const storable = z.string().transform((text) => text.replaceAll("\0", ""));
/** JSON in a string (a tool call's arguments), stored parsed: its escaped NULs are dropped too. */
const storableJson = storable.transform((json) => json.replaceAll("\\u0000", ""));

/** A field Koe records but can do without: undefined when absent, null or malformed. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** More tokens than any one response or transcription can use: a count above it is no count. */
const MAX_TOKENS_PER_EVENT = 1_000_000;
const tokenCount = lenient(z.number().int().nonnegative().max(MAX_TOKENS_PER_EVENT));

const responseUsageSchema = z.object({
  input_token_details: lenient(
    z.object({
      text_tokens: tokenCount,
      audio_tokens: tokenCount,
      cached_tokens: tokenCount,
      cached_tokens_details: lenient(z.object({ audio_tokens: tokenCount })),
    }),
  ),
  output_token_details: lenient(z.object({ text_tokens: tokenCount, audio_tokens: tokenCount })),
}) satisfies z.ZodType<RealtimeResponseUsage>;

type TokensUsage = TranscriptionCompleted.TranscriptTextUsageTokens;

const sessionCreated = z.object({
  type: z.literal("session.created"),
  session: z.object({ id: lenient(storable) }),
}) satisfies z.ZodType<{ type: SessionCreatedEvent["type"]; session: { id?: string } }>;

const speechStarted = z.object({
  type: z.literal("input_audio_buffer.speech_started"),
}) satisfies z.ZodType<Pick<InputAudioBufferSpeechStartedEvent, "type">>;

const speechStopped = z.object({
  type: z.literal("input_audio_buffer.speech_stopped"),
}) satisfies z.ZodType<Pick<InputAudioBufferSpeechStoppedEvent, "type">>;

/** A caller turn became an item: its place in the conversation, before its transcription is known. */
const bufferCommitted = z.object({
  type: z.literal("input_audio_buffer.committed"),
  item_id: storable,
  previous_item_id: lenient(storable.nullable()),
}) satisfies z.ZodType<Pick<InputAudioBufferCommittedEvent, "type" | "item_id" | "previous_item_id">>;

/** Any item joined the conversation; the bridge places the agent's messages by it. */
const itemAdded = z.object({
  type: z.literal("conversation.item.added"),
  item: z.object({ id: lenient(storable), type: z.string(), role: lenient(z.string()) }),
  previous_item_id: lenient(storable.nullable()),
}) satisfies z.ZodType<{
  type: ConversationItemAdded["type"];
  item: { id?: string; type: string; role?: string };
  previous_item_id?: string | null;
}>;

const transcriptionFailed = z.object({
  type: z.literal("conversation.item.input_audio_transcription.failed"),
  item_id: storable,
}) satisfies z.ZodType<Pick<ConversationItemInputAudioTranscriptionFailedEvent, "type" | "item_id">>;

const transcriptionCompleted = z.object({
  type: z.literal("conversation.item.input_audio_transcription.completed"),
  item_id: storable,
  transcript: storable,
  usage: lenient(
    z.object({
      type: z.literal("tokens"),
      total_tokens: z.number().int().nonnegative().max(MAX_TOKENS_PER_EVENT),
    }),
  ),
}) satisfies z.ZodType<
  Pick<TranscriptionCompleted, "type" | "item_id" | "transcript"> & {
    usage?: Pick<TokensUsage, "type" | "total_tokens">;
  }
>;

const responseCreated = z.object({
  type: z.literal("response.created"),
  response: z.object({ id: lenient(storable) }),
}) satisfies z.ZodType<{
  type: ResponseCreatedEvent["type"];
  response: Pick<ResponseCreatedEvent["response"], "id">;
}>;

const outputAudioDelta = z.object({
  type: z.literal("response.output_audio.delta"),
  item_id: storable,
  delta: base64AudioSchema,
}) satisfies z.ZodType<Pick<ResponseAudioDeltaEvent, "type" | "item_id" | "delta">>;

const outputAudioDone = z.object({
  type: z.literal("response.output_audio.done"),
  item_id: storable,
}) satisfies z.ZodType<Pick<ResponseAudioDoneEvent, "type" | "item_id">>;

const outputTranscriptDone = z.object({
  type: z.literal("response.output_audio_transcript.done"),
  item_id: storable,
  transcript: storable,
}) satisfies z.ZodType<Pick<ResponseAudioTranscriptDoneEvent, "type" | "item_id" | "transcript">>;

const functionCallDone = z.object({
  type: z.literal("response.function_call_arguments.done"),
  call_id: storable,
  name: storable,
  arguments: storableJson,
}) satisfies z.ZodType<
  Pick<ResponseFunctionCallArgumentsDoneEvent, "type" | "call_id" | "name" | "arguments">
>;

const responseDone = z.object({
  type: z.literal("response.done"),
  response: z.object({ id: lenient(storable), usage: lenient(responseUsageSchema) }),
}) satisfies z.ZodType<{
  type: ResponseDoneEvent["type"];
  response: Pick<ResponseDoneEvent["response"], "id" | "usage">;
}>;

const errorEvent = z.object({
  type: z.literal("error"),
  error: z.object({
    type: storable.catch("unknown"),
    code: lenient(storable),
    message: storable.catch(""),
    event_id: lenient(storable),
  }),
}) satisfies z.ZodType<{
  type: RealtimeErrorEvent["type"];
  error: Pick<RealtimeErrorEvent["error"], "type" | "message" | "code" | "event_id">;
}>;

const SCHEMAS = {
  "session.created": sessionCreated,
  "input_audio_buffer.speech_started": speechStarted,
  "input_audio_buffer.speech_stopped": speechStopped,
  "input_audio_buffer.committed": bufferCommitted,
  "conversation.item.added": itemAdded,
  "conversation.item.input_audio_transcription.completed": transcriptionCompleted,
  "conversation.item.input_audio_transcription.failed": transcriptionFailed,
  "response.created": responseCreated,
  "response.output_audio.delta": outputAudioDelta,
  "response.output_audio.done": outputAudioDone,
  "response.output_audio_transcript.done": outputTranscriptDone,
  "response.function_call_arguments.done": functionCallDone,
  "response.done": responseDone,
  error: errorEvent,
} satisfies { [T in RealtimeServerEvent["type"]]?: z.ZodType<{ type: T }> };

type HandledType = keyof typeof SCHEMAS;

// The fast path gives what the schema would: a change to either fails the typecheck.
const sameDelta: [AudioDelta, z.output<typeof outputAudioDelta>] extends [
  z.output<typeof outputAudioDelta>,
  AudioDelta,
]
  ? true
  : never = true;
void sameDelta;

/** A server event the bridge acts on, with the fields it reads. */
export type ServerEvent = { [T in HandledType]: z.output<(typeof SCHEMAS)[T]> }[HandledType];

/**
 * The GA events the bridge reads nothing from: normal traffic, passed over without a word. The
 * check below the list fails the typecheck when the SDK gains an event type nobody has sorted.
 */
const IGNORED = [
  "conversation.created",
  "conversation.item.created",
  "conversation.item.deleted",
  "conversation.item.input_audio_transcription.delta",
  "conversation.item.retrieved",
  "conversation.item.truncated",
  "input_audio_buffer.cleared",
  "input_audio_buffer.dtmf_event_received",
  "rate_limits.updated",

  "response.output_audio_transcript.delta",
  "response.content_part.added",
  "response.content_part.done",
  "response.function_call_arguments.delta",
  "response.output_item.added",
  "response.output_item.done",
  "response.output_text.delta",
  "response.output_text.done",
  "session.updated",
  "output_audio_buffer.started",
  "output_audio_buffer.stopped",
  "output_audio_buffer.cleared",
  "conversation.item.done",
  "input_audio_buffer.timeout_triggered",
  "conversation.item.input_audio_transcription.segment",
  "mcp_list_tools.in_progress",
  "mcp_list_tools.completed",
  "mcp_list_tools.failed",
  "response.mcp_call_arguments.delta",
  "response.mcp_call_arguments.done",
  "response.mcp_call.in_progress",
  "response.mcp_call.completed",
  "response.mcp_call.failed",
] as const satisfies readonly Exclude<RealtimeServerEvent["type"], HandledType>[];
const IGNORED_TYPES: ReadonlySet<string> = new Set(IGNORED);
type Unsorted = Exclude<RealtimeServerEvent["type"], HandledType | (typeof IGNORED)[number]>;
const everyTypeSorted: [Unsorted] extends [never] ? true : Unsorted = true;
void everyTypeSorted;

/** Why a frame was skipped; with the event type as a metric label from a bounded set. */
export type SkippedFrame = {
  /** A handled event type, or "unknown" (any other type, or no type at all). */
  label: HandledType | "unknown";
  reason: "not_json" | "no_type" | "unknown_type" | "invalid";
  /** The type as received (cut short), for the log line. */
  type: string | null;
  issue?: string;
};

export type ParsedFrame = { event: ServerEvent } | { ignored: true } | { skipped: SkippedFrame };

function isHandled(type: string): type is HandledType {
  return Object.hasOwn(SCHEMAS, type);
}

/**
 * One text frame from OpenAI: the event Koe acts on, an ignored GA event, or a skipped frame.
 * Never throws. Audio deltas, most of the traffic, take the fast path (`audio-delta.ts`).
 */
export function parseServerFrame(text: string): ParsedFrame {
  const fast = readAudioDeltaText(text);
  if (fast) return { event: fast };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { skipped: { label: "unknown", reason: "not_json", type: null } };
  }
  const delta = readAudioDelta(json);
  if (delta) return { event: delta };
  return parseServerEventWithSchemas(json);
}

/** The general path for a parsed event: its type, and its zod schema. */
export function parseServerEventWithSchemas(json: unknown): ParsedFrame {
  const type = typeof json === "object" && json !== null ? (json as { type?: unknown }).type : undefined;
  if (typeof type !== "string") return { skipped: { label: "unknown", reason: "no_type", type: null } };
  if (!isHandled(type)) {
    if (IGNORED_TYPES.has(type)) return { ignored: true };
    return { skipped: { label: "unknown", reason: "unknown_type", type: type.slice(0, 80) } };
  }
  const parsed = SCHEMAS[type].safeParse(json);
  if (parsed.success) return { event: parsed.data };
  return {
    skipped: {
      label: type,
      reason: "invalid",
      type,
      issue: parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
        .join("; "),
    },
  };
}
