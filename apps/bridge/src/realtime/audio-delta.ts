import { type Base64Audio, isBase64Audio } from "@koe/shared";
import type { ResponseAudioDeltaEvent } from "openai/resources/realtime/realtime";

/** The fields of the SDK's GA audio delta that Koe reads, its audio checked as base64. */
export type AudioDelta = Pick<ResponseAudioDeltaEvent, "type" | "item_id"> & { delta: Base64Audio };

/**
 * The fast path for `response.output_audio.delta`, most of what OpenAI sends: a parsed event is
 * checked as `server-events.ts`'s schema checks it (string `item_id`, base64 `delta`) without zod.
 * The item id is stored (barge-in, transcripts): one with a NUL, which the schema strips, goes the
 * long way. Null for anything else, which then takes the general path.
 */
export function readAudioDelta(json: unknown): AudioDelta | null {
  if (typeof json !== "object" || json === null) return null;
  const { type, item_id, delta } = json as { type?: unknown; item_id?: unknown; delta?: unknown };
  if (type !== "response.output_audio.delta") return null;
  if (typeof item_id !== "string" || typeof delta !== "string" || item_id.includes("\0")) return null;
  if (!isBase64Audio(delta)) return null;
  return { type, item_id, delta };
}

/** A JSON string's content with no escape, control character or quote: read as written. */
const PLAIN = String.raw`[^"\\\u0000-\u001f]*`;
/** A JSON non-negative integer (no leading zero). */
const INDEX = String.raw`(?:0|[1-9]\d*)`;
/** The delta as the GA API writes it, compactly, in its own key order. */
const DELTA_TEXT = new RegExp(
  String.raw`^\{"type":"response\.output_audio\.delta","event_id":"${PLAIN}","response_id":"${PLAIN}",` +
    String.raw`"item_id":"(${PLAIN})","output_index":${INDEX},"content_index":${INDEX},"delta":"([A-Za-z0-9+/=]*)"\}$`,
);

/**
 * The fastest path, before JSON.parse: a delta written as the API writes it, read with one regular
 * expression whose parts admit nothing JSON escapes, so it reads exactly what JSON.parse and
 * `readAudioDelta` would. Null for anything else, which then goes the longer ways.
 */
export function readAudioDeltaText(text: string): AudioDelta | null {
  const m = DELTA_TEXT.exec(text);
  if (!m) return null;
  // The pattern admits base64's alphabet only: what `isBase64Audio` checks.
  return { type: "response.output_audio.delta", item_id: m[1] ?? "", delta: (m[2] ?? "") as Base64Audio };
}
