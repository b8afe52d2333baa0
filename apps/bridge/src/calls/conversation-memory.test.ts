import { describe, expect, it } from "vitest";
import { ConversationMemory } from "./conversation-memory.ts";

describe("ConversationMemory", () => {
  it("has nothing to restore before anyone spoke", () => {
    expect(new ConversationMemory().restoreText()).toBeNull();
  });

  it("restores the conversation in order, the latest lines when it is long", () => {
    const memory = new ConversationMemory();
    memory.add("agent", "お電話ありがとうございます。");
    memory.add("caller", "予約したいです。");
    expect(memory.restoreText()).toBe(
      "通信が一時的に途切れました。これまでの会話は次のとおりです。続きから自然に対応してください。\nあなた: お電話ありがとうございます。\nお客様: 予約したいです。",
    );
    for (let i = 0; i < 1000; i++) memory.add("caller", `行${i}`.padEnd(20, "。"));
    const text = memory.restoreText() ?? "";
    expect(text.length).toBeLessThan(6_200);
    expect(text).toContain("行999");
    expect(text).not.toContain("予約したいです");
  });
});
