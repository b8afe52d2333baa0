import type { ResponseAudioDeltaEvent } from "openai/resources/realtime/realtime";
import { readFlatJson } from "../net/flat-json.ts";

/** The fields of the SDK's GA audio delta that Koe reads. */
export type AudioDelta = Pick<ResponseAudioDeltaEvent, "type" | "item_id" | "delta">;

/**
 * The fast path for `response.output_audio.delta`, most of what OpenAI sends: a delta written as
 * compact JSON with no escapes is read without JSON.parse or zod, checked as `server-events.ts`'s
 * schema checks it (string `item_id` and `delta`; no NUL can be in a text without escapes). Null
 * for anything else, which then takes the general path.
 */
export function readAudioDelta(text: string): AudioDelta | null {
  const json = readFlatJson(text);
  if (json === null || json.type !== "response.output_audio.delta") return null;
  const { item_id, delta } = json;
  if (typeof item_id !== "string" || typeof delta !== "string") return null;
  return { type: "response.output_audio.delta", item_id, delta };
}
