import type { ConversationItem } from "openai/resources/realtime/realtime";
import type { Conversation } from "./conversation.ts";
import type { ServerEventBody } from "./simulator-session.ts";
import { chunkText } from "./text-chunks.ts";

/**
 * The events of a committed caller turn, in the GA order: the buffer is committed, the user item
 * added, its transcription streamed (when the session transcribes) and the item done.
 */
export function emitUserTurn(
  conversation: Conversation,
  emit: (body: ServerEventBody) => void,
  turn: { itemId: string; transcript: string; transcribed: boolean },
): void {
  const { itemId, transcript } = turn;
  emit({ type: "input_audio_buffer.committed", item_id: itemId, previous_item_id: conversation.lastItemId });
  const item: ConversationItem = {
    id: itemId,
    object: "realtime.item",
    type: "message",
    role: "user",
    status: "completed",
    content: [{ type: "input_audio" }],
  };
  conversation.add(item);
  if (turn.transcribed) {
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
  }
  const record = conversation.record(itemId);
  if (record) record.transcript = transcript;
  emit({
    type: "conversation.item.done",
    item: { ...item, content: [{ type: "input_audio", transcript }] },
    previous_item_id: null,
  });
}
