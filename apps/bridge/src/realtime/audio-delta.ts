import type { ResponseAudioDeltaEvent } from "openai/resources/realtime/realtime";

/** The fields of the SDK's GA audio delta that Koe reads. */
export type AudioDelta = Pick<ResponseAudioDeltaEvent, "type" | "item_id" | "delta">;

/**
 * The fast path for `response.output_audio.delta`, most of what OpenAI sends: a parsed event is
 * checked as `server-events.ts`'s schema checks it (string `item_id` and `delta`) without zod.
 * The item id is stored (barge-in, transcripts): one with a NUL, which the schema strips, goes the
 * long way. Null for anything else, which then takes the general path.
 */
export function readAudioDelta(json: unknown): AudioDelta | null {
  if (typeof json !== "object" || json === null) return null;
  const { type, item_id, delta } = json as { type?: unknown; item_id?: unknown; delta?: unknown };
  if (type !== "response.output_audio.delta") return null;
  if (typeof item_id !== "string" || typeof delta !== "string" || item_id.includes("\0")) return null;
  return { type, item_id, delta };
}
