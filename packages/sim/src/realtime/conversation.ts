import type { ConversationItem } from "openai/resources/realtime/realtime";
import { newId } from "./ids.ts";
import type { Emit } from "./session-events.ts";

export type ItemRecord = {
  /** The item as it is now: what `conversation.item.retrieve` returns. */
  item: ConversationItem;
  /** Assistant audio generated for the item (ms); what a truncation may not exceed. */
  audioMs: number;
};

/** What the API would answer to a conversation event it refuses. */
export type Refusal = { code: string; message: string; param: string };

/**
 * The conversation of a simulated session: its items in order, and the item events the API sends
 * when they are added, completed, retrieved, deleted or truncated.
 */
export class Conversation {
  readonly items = new Map<string, ItemRecord>();
  private readonly order: string[] = [];
  private readonly emit: Emit;

  constructor(emit: Emit) {
    this.emit = emit;
  }

  get lastItemId(): string | null {
    return this.order.at(-1) ?? null;
  }

  record(itemId: string): ItemRecord | undefined {
    return this.items.get(itemId);
  }

  /** The item before this one, as `previous_item_id` reports it. */
  previousOf(itemId: string): string | null {
    return this.order[this.order.indexOf(itemId) - 1] ?? null;
  }

  /**
   * Adds an item and announces it (`conversation.item.added`): at the end, or after the item
   * `after` names ("root": at the start).
   */
  add(item: ConversationItem, after?: string): void {
    const id = item.id ?? newId("item");
    const at = after === undefined ? this.order.length : after === "root" ? 0 : this.order.indexOf(after) + 1;
    this.order.splice(at, 0, id);
    this.items.set(id, { item: { ...item, id }, audioMs: 0 });
    this.emit({ type: "conversation.item.added", item, previous_item_id: this.previousOf(id) });
  }

  /** The item reached its final form: the record keeps it and `conversation.item.done` announces it. */
  done(item: ConversationItem): void {
    this.update(item);
    if (item.id)
      this.emit({ type: "conversation.item.done", item, previous_item_id: this.previousOf(item.id) });
  }

  /** The item changed without an event of its own (a transcription finished, a truncation). */
  update(item: ConversationItem): void {
    const record = item.id ? this.items.get(item.id) : undefined;
    if (record) record.item = item;
  }

  /**
   * `conversation.item.create`: after `previousItemId` when given (it must exist, or "root"); a
   * function call's output must answer a call that exists.
   */
  create(item: ConversationItem, previousItemId?: string): Refusal | null {
    if (previousItemId !== undefined && previousItemId !== "root" && !this.items.has(previousItemId)) {
      return {
        code: "item_not_found",
        message: `Error adding item: the previous item with id '${previousItemId}' does not exist.`,
        param: "previous_item_id",
      };
    }
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
    this.add(created, previousItemId);
    this.done(created);
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
    this.order.splice(this.order.indexOf(itemId), 1);
    this.emit({ type: "conversation.item.deleted", item_id: itemId });
    return null;
  }

  /**
   * `conversation.item.truncate`: only an assistant message's audio, never past what was generated.
   * As the API does, the item keeps no transcript: the text of the audio heard is not known.
   */
  truncate(itemId: string, contentIndex: number, audioEndMs: number): Refusal | null {
    const record = this.items.get(itemId);
    if (!record) return notFound(itemId);
    const { item } = record;
    if (item.type !== "message" || item.role !== "assistant") {
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
    record.audioMs = audioEndMs;
    record.item = { ...item, content: item.content.map((part) => ({ ...part, transcript: "" })) };
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
