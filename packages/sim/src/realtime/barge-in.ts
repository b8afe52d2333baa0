import type {
  ConversationItemTruncateEvent,
  RealtimeAudioInputTurnDetection,
} from "openai/resources/realtime/realtime";
import type { Conversation, Refusal } from "./conversation.ts";
import type { ResponseStreamer } from "./response-streamer.ts";

/**
 * Barge-in, server side: turn detection heard the caller start talking while a response streams.
 * Unless the session turned `interrupt_response` off, the response is cancelled with reason
 * `turn_detected` and sends no more audio.
 */
export function interruptOnSpeech(
  active: ResponseStreamer | null,
  turnDetection: RealtimeAudioInputTurnDetection,
): void {
  if (active && turnDetection.interrupt_response !== false) active.cancel("turn_detected");
}

/**
 * `conversation.item.truncate` after a barge-in: the item keeps the audio the caller heard (and its
 * transcript in proportion); a response still streaming that item stops there.
 */
export function truncateHeard(
  conversation: Conversation,
  active: ResponseStreamer | null,
  event: ConversationItemTruncateEvent,
): Refusal | null {
  const refusal = conversation.truncate(event.item_id, event.content_index, event.audio_end_ms);
  if (!refusal) active?.truncate(event.item_id);
  return refusal;
}
