import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import { jsonString } from "../net/json-string.ts";

/**
 * A client event as the JSON text sent to OpenAI. Caller audio — fifty appends a second per call —
 * is written from a template around its base64 payload; every other event, rare, with
 * JSON.stringify. Both give the same JSON.
 */
export function serializeClientEvent(event: RealtimeClientEvent): string {
  if (event.type === "input_audio_buffer.append" && event.event_id === undefined)
    return `{"type":"input_audio_buffer.append","audio":${jsonString(event.audio)}}`;
  return JSON.stringify(event);
}
