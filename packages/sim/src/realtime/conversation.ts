import type { ConversationItem } from "openai/resources/realtime/realtime";
import { newId } from "./ids.ts";
import type { ServerEventBody } from "./simulator-session.ts";

export type ItemRecord = {
  item: ConversationItem;
  /** Assistant audio generated for the item (ms); what a truncation may not exceed. */
  audioMs: number;
  transcript: string;
};

/** What the API would answer to a conversation event it refuses. */
export type Refusal = { code: string; message: string; param: string };

/**
 * The conversation of a simulated session: its items in order, and the item events the API sends
 * when they are added, retrieved, deleted or truncated.
 */
export class Conversation {
  readonly items = new Map<string, ItemRecord>();
  private last: string | null = null;
  private readonly emit: (body: ServerEventBody) => void;

  constructor(emit: (body: ServerEventBody) => void) {
    this.emit = emit;
  }

  get lastItemId(): string | null {
    return this.last;
  }

  record(itemId: string): ItemRecord | undefined {
    return this.items.get(itemId);
  }

  /** Adds an item and announces it (`conversation.item.added`). */
  add(item: ConversationItem, audioMs = 0, transcript = ""): void {
    const previous = this.last;
    if (item.id) {
      this.items.set(item.id, { item, audioMs, transcript });
      this.last = item.id;
    }
    this.emit({ type: "conversation.item.added", item, previous_item_id: previous });
  }

  /** `conversation.item.create`: a function call's output must answer a call that exists. */
  create(item: ConversationItem): Refusal | null {
    if (item.type === "function_call_output") {
      const call = [...this.items.values()].find(
        (r) => r.item.type === "function_call" && r.item.call_id === item.call_id,
      );
      if (!call) {
        return {
          code: "invalid_value",
          message: `Invalid 'item.call_id': no function call with call_id '${item.call_id}'.`,
          param: "item.call_id",
        };
      }
    }
    const created = {
      ...item,
      id: item.id ?? newId("item"),
      object: "realtime.item" as const,
      status: "completed" as const,
    };
    this.add(created);
    this.emit({ type: "conversation.item.done", item: created, previous_item_id: null });
    return null;
  }

  retrieve(itemId: string): Refusal | null {
    const record = this.items.get(itemId);
    if (!record) return notFound(itemId);
    this.emit({ type: "conversation.item.retrieved", item: record.item });
    return null;
  }

  delete(itemId: string): Refusal | null {
    if (!this.items.delete(itemId)) return notFound(itemId);
    this.emit({ type: "conversation.item.deleted", item_id: itemId });
    return null;
  }

  /**
   * `conversation.item.truncate`: only an assistant message's audio, never past what was generated;
   * the transcript keeps the part heard, in proportion to the audio kept.
   */
  truncate(itemId: string, contentIndex: number, audioEndMs: number): Refusal | null {
    const record = this.items.get(itemId);
    if (!record) return notFound(itemId);
    if (record.item.type !== "message" || record.item.role !== "assistant") {
      return {
        code: "invalid_value",
        message: "Only assistant messages can be truncated.",
        param: "item_id",
      };
    }
    if (contentIndex !== 0) {
      return {
        code: "invalid_value",
        message: "Invalid 'content_index': expected 0.",
        param: "content_index",
      };
    }
    if (audioEndMs > record.audioMs) {
      return {
        code: "invalid_value",
        message: `Audio content of ${Math.floor(record.audioMs)}ms is already shorter than ${audioEndMs}ms`,
        param: "audio_end_ms",
      };
    }
    const kept = record.audioMs > 0 ? audioEndMs / record.audioMs : 0;
    const chars = [...record.transcript];
    record.transcript = chars.slice(0, Math.round(chars.length * kept)).join("");
    record.audioMs = audioEndMs;
    this.emit({
      type: "conversation.item.truncated",
      item_id: itemId,
      content_index: 0,
      audio_end_ms: audioEndMs,
    });
    return null;
  }
}

function notFound(itemId: string): Refusal {
  return { code: "item_not_found", message: `Item with item_id not found: ${itemId}`, param: "item_id" };
}
