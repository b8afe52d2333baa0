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
      text: "AI の判断: 料金の相談 → 03-0000-0000(失敗)",
    });
    expect(describeEvent(handoff, inLanguage("en"))).toMatchObject({
      text: "AI's decision: 料金の相談 → 03-0000-0000 (failed)",
    });
  });

  it("keeps transcripts as spoken", () => {
    const line = event("transcript", { role: "caller", text: "予約をお願いします", truncated: false });
    expect(describeEvent(line, inLanguage("en"))).toMatchObject({ kind: "line", text: "予約をお願いします" });
  });

  it("words status events for people, keeping the developer's record as raw detail", () => {
    const ja = inLanguage("ja");
    const status = (payload: object) => describeEvent(event("status", payload), ja);
    expect(status({ status: "active", detail: "media stream started" })).toMatchObject({
      text: "通話がつながり、AI が応答を始めました",
      raw: { status: "active", detail: "media stream started" },
    });
    expect(status({ status: "ended", detail: "caller_hung_up" })).toMatchObject({
      text: "通話が終わりました(お客様が電話を切りました)",
    });
    expect(status({ status: "completed", detail: "twilio status callback" })).toMatchObject({
      text: "電話会社から通話の結果が届きました: 完了",
    });
    expect(status({ status: "active", detail: "legacy engine (rollout_bucket_excluded)" })).toMatchObject({
      text: "従来エンジンが応答を始めました",
    });
    expect(
      describeEvent(event("status", { status: "ended", detail: "caller_hung_up" }), inLanguage("en")),
    ).toMatchObject({ text: "The call ended (the caller hung up)" });
  });

  it("names the agent's tools in words and keeps their JSON for 「詳細」", () => {
    const result = event("tool_result", {
      callId: "c1",
      name: "schedule_appointment",
      ok: true,
      output: { booked: true },
      durationMs: 35.2,
    });
    expect(describeEvent(result, inLanguage("ja"))).toMatchObject({
      name: "予約の登録",
      detail: "成功しました(35 ms)",
      raw: { booked: true },
    });
  });
});
