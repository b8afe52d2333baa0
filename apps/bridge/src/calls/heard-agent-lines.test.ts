import { describe, expect, it } from "vitest";
import { HeardAgentLines } from "./heard-agent-lines.ts";
import type { TranscriptLine } from "./transcript-order.ts";

const LINE = "お電話ありがとうございます。";

function heardLines() {
  const out: TranscriptLine[] = [];
  return { out, lines: new HeardAgentLines((line) => out.push(line)) };
}

describe("HeardAgentLines", () => {
  it("holds a line written before it was heard, and cuts it when the caller cuts in", () => {
    const { out, lines } = heardLines();
    lines.written("item_1", LINE);
    expect(out).toEqual([]);
    lines.cut("item_1", 0.5);
    expect(out).toEqual([{ role: "agent", text: "お電話ありがと", itemId: "item_1", truncated: true }]);
  });

  it("sends a line whole once the caller heard it to the end, in either order", () => {
    const { out, lines } = heardLines();
    lines.written("item_1", LINE);
    lines.played("item_1");
    lines.played("item_2");
    lines.written("item_2", "はい。");
    expect(out.map((l) => [l.text, l.truncated])).toEqual([
      [LINE, false],
      ["はい。", false],
    ]);
  });

  it("keeps the first outcome: a cut after the end was heard, or a second end, changes nothing", () => {
    const { out, lines } = heardLines();
    lines.played("item_1");
    lines.cut("item_1", 0.2);
    lines.written("item_1", LINE);
    lines.cut("item_1", 0.2);
    lines.played("item_1");
    expect(out).toEqual([{ role: "agent", text: LINE, itemId: "item_1", truncated: false }]);
  });

  it("cuts a line the caller cut off before its text came, even after the call's playback ended", () => {
    const { out, lines } = heardLines();
    lines.cut("item_1", 0.25);
    lines.close();
    expect(out).toEqual([]);
    lines.written("item_1", "一二三四五六七八");
    expect(out).toEqual([{ role: "agent", text: "一二", itemId: "item_1", truncated: true }]);
  });

  it("sends the lines waiting as written when the session is lost, and holds the next session's again", () => {
    const { out, lines } = heardLines();
    lines.written("item_1", LINE);
    lines.release();
    lines.written("item_2", "はい。");
    expect(out.map((l) => l.itemId)).toEqual(["item_1"]);
    lines.close();
    lines.written("item_3", "以上です。");
    expect(out.map((l) => [l.itemId, l.truncated])).toEqual([
      ["item_1", false],
      ["item_2", false],
      ["item_3", false],
    ]);
  });
});
