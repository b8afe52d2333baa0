import type { ConversationItem } from "openai/resources/realtime/realtime";
import type { Conversation } from "./conversation.ts";
import type { Emit } from "./session-events.ts";
import { chunkText } from "./text-chunks.ts";

/**
 * An `input_audio` part's transcript before transcription has finished: the API sends null (and
 * clients such as @openai/agents require the key), where the SDK's type only says "optional string".
 */
const NOT_YET_TRANSCRIBED = null as unknown as string;

/**
 * The events of a committed caller turn, in the GA order: the buffer is committed, the user item
 * added and done. Its transcription comes on its own (`emitTranscription`), whenever it finishes.
 */
export function emitUserTurn(conversation: Conversation, emit: Emit, itemId: string): void {
  emit({ type: "input_audio_buffer.committed", item_id: itemId, previous_item_id: conversation.lastItemId });
  const item: ConversationItem = {
    id: itemId,
    object: "realtime.item",
    type: "message",
    role: "user",
    status: "completed",
    content: [{ type: "input_audio", transcript: NOT_YET_TRANSCRIBED }],
  };
  conversation.add(item);
  conversation.done(item);
}

/** The caller turn's transcription finished: its deltas, `completed`, and the item now carries it. */
export function emitTranscription(
  conversation: Conversation,
  emit: Emit,
  turn: { itemId: string; transcript: string },
): void {
  const { itemId, transcript } = turn;
  for (const delta of chunkText(transcript, 3)) {
    emit({
      type: "conversation.item.input_audio_transcription.delta",
      item_id: itemId,
      content_index: 0,
      delta,
    });
  }
  const textTokens = Math.ceil(transcript.length / 2);
  emit({
    type: "conversation.item.input_audio_transcription.completed",
    item_id: itemId,
    content_index: 0,
    transcript,
    usage: {
      type: "tokens",
      input_tokens: textTokens + 10,
      output_tokens: textTokens,
      total_tokens: 2 * textTokens + 10,
      input_token_details: { audio_tokens: 10, text_tokens: textTokens },
    },
  });
  const record = conversation.record(itemId);
  if (record?.item.type === "message" && record.item.role === "user") {
    conversation.update({ ...record.item, content: [{ type: "input_audio", transcript }] });
  }
}
