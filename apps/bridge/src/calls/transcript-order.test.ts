import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConversationMemory } from "./conversation-memory.ts";
import { type TranscriptLine, TranscriptOrder } from "./transcript-order.ts";

const line = (role: TranscriptLine["role"], itemId: string, text = itemId): TranscriptLine => ({
  role,
  text,
  itemId,
  truncated: false,
});

describe("TranscriptOrder", () => {
  let out: string[];
  let memory: ConversationMemory;
  let order: TranscriptOrder;
  beforeEach(() => {
    vi.useFakeTimers();
    out = [];
    memory = new ConversationMemory();
    order = new TranscriptOrder({
      holdMs: 3_000,
      onLine: (l) => {
        out.push(l.text);
        memory.add(l.role, l.text);
      },
    });
  });
  afterEach(() => vi.useRealTimers());

  it("puts the caller's line before the answer it got, in the log and in the restore note", () => {
    order.fill(line("agent", "a1", "ご用件をどうぞ。"));
    order.place("c1", "caller", "a1");
    order.place("a2", "agent", "c1");
    order.fill(line("agent", "a2", "かしこまりました。"));
    expect(out).toEqual(["ご用件をどうぞ。"]);
    expect(order.awaiting).toBe(true);
    order.fill(line("caller", "c1", "予約をお願いします。"));
    expect(out).toEqual(["ご用件をどうぞ。", "予約をお願いします。", "かしこまりました。"]);
    expect(memory.restoreText()).toContain(
      "あなた: ご用件をどうぞ。\nお客様: 予約をお願いします。\nあなた: かしこまりました。",
    );
  });

  it("places a barge-in by previous_item_id, even when the interrupted line comes last", () => {
    order.place("a1", "agent");
    order.place("c1", "caller", "a1");
    order.fill(line("caller", "c1"));
    order.fill(line("agent", "a1"));
    expect(out).toEqual(["a1", "c1"]);
  });

  it("holds later lines at most holdMs for a line that never comes, and sends that one when it does", () => {
    order.place("c1", "caller");
    order.fill(line("agent", "a1"));
    vi.advanceTimersByTime(2_999);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual(["a1"]);
    order.fill(line("caller", "c1"));
    expect(out).toEqual(["a1", "c1"]);
  });

  it("lets a failed transcription go, and flushes what is known", () => {
    order.place("c1", "caller");
    order.fill(line("agent", "a1"));
    order.forget("c1");
    order.place("c2", "caller");
    order.fill(line("tool", "call-1"));
    order.flush();
    expect(out).toEqual(["a1", "call-1"]);
    expect(order.awaiting).toBe(false);
    order.fill(line("caller", "c2"));
    expect(out).toEqual(["a1", "call-1", "c2"]);
  });
});
