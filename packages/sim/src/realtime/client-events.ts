import type {
  ConversationItemCreateEvent,
  ConversationItemDeleteEvent,
  ConversationItemRetrieveEvent,
  ConversationItemTruncateEvent,
  InputAudioBufferAppendEvent,
  InputAudioBufferClearEvent,
  InputAudioBufferCommitEvent,
  RealtimeClientEvent,
  ResponseCancelEvent,
  ResponseCreateEvent,
  SessionUpdateEvent,
} from "openai/resources/realtime/realtime";
import { z } from "zod";

/** A schema whose output must be the SDK's type: a drift between the two fails to compile. */
const sdk =
  <T>() =>
  <S extends z.ZodType<T>>(schema: S): S =>
    schema;

const eventId = z.string().optional();

const messageContent = z.looseObject({
  type: z.enum(["input_text", "input_audio", "output_text", "output_audio"]),
  text: z.string().optional(),
  audio: z.string().optional(),
  transcript: z.string().optional(),
});

const itemSchema = z.union([
  z.object({
    type: z.literal("function_call_output"),
    id: z.string().optional(),
    call_id: z.string().min(1),
    output: z.string(),
  }),
  z.object({
    type: z.literal("message"),
    id: z.string().optional(),
    role: z.literal("user"),
    content: z.array(messageContent.extend({ type: z.enum(["input_text", "input_audio"]) })).min(1),
  }),
  z.object({
    type: z.literal("message"),
    id: z.string().optional(),
    role: z.literal("system"),
    content: z.array(z.object({ type: z.literal("input_text"), text: z.string() })).min(1),
  }),
  z.object({
    type: z.literal("message"),
    id: z.string().optional(),
    role: z.literal("assistant"),
    content: z.array(messageContent.extend({ type: z.enum(["output_text", "output_audio"]) })).min(1),
  }),
]);

/** Client events the GA API accepts over WebSocket, keyed by type. */
const clientEventSchemas = {
  "session.update": sdk<SessionUpdateEvent>()(
    // The session itself is checked field by field in session-config.ts, with GA's error messages.
    z.object({
      type: z.literal("session.update"),
      event_id: eventId,
      session: z.custom<SessionUpdateEvent["session"]>((v) => typeof v === "object" && v !== null),
    }),
  ),
  "input_audio_buffer.append": sdk<InputAudioBufferAppendEvent>()(
    z.object({ type: z.literal("input_audio_buffer.append"), event_id: eventId, audio: z.base64() }),
  ),
  "input_audio_buffer.commit": sdk<InputAudioBufferCommitEvent>()(
    z.object({ type: z.literal("input_audio_buffer.commit"), event_id: eventId }),
  ),
  "input_audio_buffer.clear": sdk<InputAudioBufferClearEvent>()(
    z.object({ type: z.literal("input_audio_buffer.clear"), event_id: eventId }),
  ),
  "conversation.item.create": sdk<ConversationItemCreateEvent>()(
    z.object({
      type: z.literal("conversation.item.create"),
      event_id: eventId,
      previous_item_id: z.string().optional(),
      item: itemSchema,
    }),
  ),
  "conversation.item.retrieve": sdk<ConversationItemRetrieveEvent>()(
    z.object({ type: z.literal("conversation.item.retrieve"), event_id: eventId, item_id: z.string() }),
  ),
  "conversation.item.truncate": sdk<ConversationItemTruncateEvent>()(
    z.object({
      type: z.literal("conversation.item.truncate"),
      event_id: eventId,
      item_id: z.string(),
      content_index: z.number().int().min(0),
      audio_end_ms: z.number().int().min(0),
    }),
  ),
  "conversation.item.delete": sdk<ConversationItemDeleteEvent>()(
    z.object({ type: z.literal("conversation.item.delete"), event_id: eventId, item_id: z.string() }),
  ),
  "response.create": sdk<ResponseCreateEvent>()(
    z.object({
      type: z.literal("response.create"),
      event_id: eventId,
      response: z
        .custom<ResponseCreateEvent["response"]>(
          (v) => v === undefined || (typeof v === "object" && v !== null),
        )
        .optional(),
    }),
  ),
  "response.cancel": sdk<ResponseCancelEvent>()(
    z.object({ type: z.literal("response.cancel"), event_id: eventId, response_id: z.string().optional() }),
  ),
} as const;

/** Beta-era client event names that GA refuses. */
const BETA_EVENT_NAMES = new Set([
  "transcription_session.update",
  "response.audio.delta",
  "conversation.item.created",
]);

export type ClientEventError = {
  code: string;
  message: string;
  param: string | null;
  eventId: string | null;
};

export type ParsedClientEvent =
  | { ok: true; event: RealtimeClientEvent }
  | { ok: false; error: ClientEventError };

/** Parses one WebSocket text frame as a GA client event, or says what the API would say about it. */
export function parseClientEvent(frame: string): ParsedClientEvent {
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    return fail("invalid_json", "The server could not parse the event as JSON.", null, null);
  }
  const clientEventId =
    typeof json === "object" && json !== null && "event_id" in json && typeof json.event_id === "string"
      ? json.event_id
      : null;
  if (typeof json !== "object" || json === null || !("type" in json) || typeof json.type !== "string") {
    return fail("missing_required_parameter", "Missing required parameter: 'type'.", "type", clientEventId);
  }
  const type = json.type;
  if (BETA_EVENT_NAMES.has(type)) {
    return fail(
      "invalid_value",
      `Event '${type}' belongs to the retired beta API; use the GA events.`,
      "type",
      clientEventId,
    );
  }
  if (!(type in clientEventSchemas)) {
    const supported = Object.keys(clientEventSchemas).join("', '");
    return fail(
      "invalid_value",
      `Invalid value: '${type}'. Supported values are: '${supported}'.`,
      "type",
      clientEventId,
    );
  }
  const parsed = clientEventSchemas[type as keyof typeof clientEventSchemas].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const param = path.join(".") || null;
    // Missing: the field is not in the event at all; anything else is a value the API refuses.
    const missing = valueAt(json, path) === undefined;
    return fail(
      missing ? "missing_required_parameter" : "invalid_value",
      missing
        ? `Missing required parameter: '${param}'.`
        : `Invalid '${param}': ${issue?.message ?? "invalid value"}.`,
      param,
      clientEventId,
    );
  }
  return { ok: true, event: parsed.data };
}

function valueAt(json: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = json;
  for (const key of path) {
    node =
      typeof node === "object" && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return node;
}

function fail(
  code: string,
  message: string,
  param: string | null,
  eventId: string | null,
): ParsedClientEvent {
  return { ok: false, error: { code, message, param, eventId } };
}
