import fc from "fast-check";
import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";

/** Well-formed GA server events, one of each kind the bridge reads and a few it passes over. */
const TEMPLATES: RealtimeServerEvent[] = [
  {
    type: "session.created",
    event_id: "event_f1",
    session: { type: "realtime", model: "gpt-realtime-2.1", instructions: "テスト" },
  },
  {
    type: "input_audio_buffer.speech_started",
    event_id: "event_f2",
    audio_start_ms: 120,
    item_id: "item_f1",
  },
  { type: "input_audio_buffer.speech_stopped", event_id: "event_f3", audio_end_ms: 980, item_id: "item_f1" },
  {
    type: "conversation.item.input_audio_transcription.completed",
    event_id: "event_f4",
    item_id: "item_f1",
    content_index: 0,
    transcript: "もしもし、聞こえますか。",
    usage: { type: "tokens", input_tokens: 12, output_tokens: 8, total_tokens: 20 },
  },
  { type: "response.created", event_id: "event_f5", response: { id: "resp_f1", status: "in_progress" } },
  {
    type: "response.output_audio.delta",
    event_id: "event_f6",
    response_id: "resp_f1",
    item_id: "item_f2",
    output_index: 0,
    content_index: 0,
    delta: Buffer.alloc(320, 0xff).toString("base64"),
  },
  {
    type: "response.output_audio_transcript.done",
    event_id: "event_f7",
    response_id: "resp_f1",
    item_id: "item_f2",
    output_index: 0,
    content_index: 0,
    transcript: "かしこまりました。",
  },
  {
    type: "response.function_call_arguments.done",
    event_id: "event_f8",
    response_id: "resp_f1",
    item_id: "item_f3",
    output_index: 0,
    call_id: "call_f1",
    name: "get_customer_info",
    arguments: '{"phone_number":"not a number"}',
  },
  {
    type: "response.done",
    event_id: "event_f9",
    response: {
      id: "resp_f1",
      status: "completed",
      usage: {
        total_tokens: 30,
        input_tokens: 20,
        output_tokens: 10,
        input_token_details: { text_tokens: 10, audio_tokens: 10, cached_tokens: 0 },
        output_token_details: { text_tokens: 4, audio_tokens: 6 },
      },
    },
  },
  {
    type: "error",
    event_id: "event_f10",
    error: {
      type: "invalid_request_error",
      code: "invalid_value",
      message: "fuzz",
      param: null,
      event_id: null,
    },
  },
  {
    type: "rate_limits.updated",
    event_id: "event_f11",
    rate_limits: [{ name: "tokens", limit: 1000, remaining: 999, reset_seconds: 1 }],
  },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a value inside `value` (the root excluded). */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** A copy of `root` with the value at `path` replaced (`undefined`: removed). */
function withValue(root: Json, path: Path, replacement: Json | undefined): Json {
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/**
 * One frame as a misbehaving OpenAI might send it: a GA event with a field dropped, nulled,
 * retyped or oversized, an event of an unknown type, an unchanged event, or text that is not JSON.
 */
export const mutatedServerFrame: fc.Arbitrary<string> = mutatedFrames(TEMPLATES, "type");

/**
 * One of `templates` (JSON messages) as a misbehaving peer might send it: a field dropped, nulled,
 * retyped, nested or oversized, the `kindKey` field (the message's type) replaced, the message
 * unchanged, or cut short so that it is no JSON.
 */
export function mutatedFrames(templates: readonly object[], kindKey: string): fc.Arbitrary<string> {
  const template = fc.constantFrom(...(JSON.parse(JSON.stringify(templates)) as Json[]));
  /** A template with one of its paths chosen. */
  const atPath = template.chain((event) =>
    fc.constantFrom(...pathsOf(event)).map((path) => ({ event, path })),
  );
  return fc.oneof(
    {
      weight: 3,
      arbitrary: atPath.map(({ event, path }) => JSON.stringify(withValue(event, path, undefined))),
    },
    { weight: 3, arbitrary: atPath.map(({ event, path }) => JSON.stringify(withValue(event, path, null))) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(atPath, anyValue)
        .map(([{ event, path }, value]) => JSON.stringify(withValue(event, path, value))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(atPath, fc.integer({ min: 4_000, max: 40_000 }))
        .map(([{ event, path }, size]) => JSON.stringify(withValue(event, path, "あ".repeat(size)))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(template, fc.string({ minLength: 1, maxLength: 40 }))
        .map(([event, kind]) => JSON.stringify({ ...(event as object), [kindKey]: kind })),
    },
    { weight: 1, arbitrary: template.map((event) => JSON.stringify(event)) },
    {
      weight: 2,
      arbitrary: fc.tuple(template, fc.nat()).map(([event, cut]) => {
        const text = JSON.stringify(event);
        return text.slice(0, 1 + (cut % (text.length - 1)));
      }),
    },
  );
}
