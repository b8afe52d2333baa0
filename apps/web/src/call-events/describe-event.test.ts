import { describe, expect, it } from "vitest";
import { i18n } from "../i18n/i18n.ts";
import type { CallEventView } from "../lib/api-types.ts";
import { describeEvent } from "./describe-event.ts";

const event = (type: CallEventView["type"], payload: unknown) =>
  ({ id: "e1", type, occurredAt: "2026-11-20T09:01:00Z", payload }) as CallEventView;

const inLanguage = (language: "ja" | "en") =>
  i18n.getFixedT<["callEvents", "labels"]>(language, ["callEvents", "labels"]);

describe("describeEvent", () => {
  it("words notes in the chosen language", () => {
    const bargeIn = event("barge_in", { itemId: "i1", audioEndMs: 1200.4, reactionMs: 180.6 });
    expect(describeEvent(bargeIn, inLanguage("ja"))).toMatchObject({
      label: "割り込み",
      text: "お客様が話し始めたため、エージェントの発話を 1200 ms で止めました(反応 181 ms)",
    });
    expect(describeEvent(bargeIn, inLanguage("en"))).toMatchObject({
      label: "Barge-in",
      text: "The caller started speaking, so the agent stopped at 1200 ms (reacted in 181 ms)",
    });
  });

  it("names who handed the call off, and leaves the reason as recorded", () => {
    const handoff = event("handoff", { reason: "料金の相談", by: "ai", target: "+81300000000", ok: false });
    expect(describeEvent(handoff, inLanguage("ja"))).toMatchObject({
      text: "AI の判断: 料金の相談 → +81300000000(失敗)",
    });
    expect(describeEvent(handoff, inLanguage("en"))).toMatchObject({
      text: "AI's decision: 料金の相談 → +81300000000 (failed)",
    });
  });

  it("keeps transcripts as spoken", () => {
    const line = event("transcript", { role: "caller", text: "予約をお願いします", truncated: false });
    expect(describeEvent(line, inLanguage("en"))).toMatchObject({ kind: "line", text: "予約をお願いします" });
  });
});
