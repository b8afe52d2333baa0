import { conversationSettingsSchema, keywordTemplatesSchema } from "@koe/shared";
import { describe, expect, it } from "vitest";
import { type LegacyAgent, nextReply } from "./conversation-engine.ts";
import { matchKeyword } from "./keyword-match.ts";

const agent: LegacyAgent = {
  settings: conversationSettingsSchema.parse({
    companyName: "デモ株式会社",
    greeting: "お電話ありがとうございます。",
    fallbackMessage: "もう一度おっしゃっていただけますか。",
    transferMessage: "担当者におつなぎします。",
    closingMessage: "失礼いたします。",
    maxMisunderstandings: 2,
  }),
  templates: keywordTemplatesSchema.parse([
    { keyword: "予約", synonyms: ["アポイント"], response: "ご予約の件ですね。" },
    { keyword: "予約キャンセル", synonyms: ["予約を取り消し"], response: "キャンセルを承ります。" },
    { keyword: "ＦＡＱ", response: "よくあるご質問はホームページにございます。" },
    { keyword: "解約", response: "解約は担当者が承ります。", action: "transfer" },
    { keyword: "住所", response: "東京都千代田区でございます。", action: "end_call" },
  ]),
};

describe("keyword matching", () => {
  it("finds keywords and synonyms whatever the width, case, spaces and punctuation", () => {
    expect(matchKeyword(agent.templates, "来週、予約をお願いしたいです")?.keyword).toBe("予約");
    expect(matchKeyword(agent.templates, "アポイント を 取りたい")?.keyword).toBe("予約");
    expect(matchKeyword(agent.templates, "faqはありますか")?.keyword).toBe("ＦＡＱ");
    expect(matchKeyword(agent.templates, "天気の話")).toBeNull();
    expect(matchKeyword(agent.templates, "")).toBeNull();
  });

  it("prefers the most specific word", () => {
    expect(matchKeyword(agent.templates, "予約キャンセルをしたい")?.keyword).toBe("予約キャンセル");
    expect(matchKeyword(agent.templates, "予約を取り消したい")?.keyword).toBe("予約キャンセル");
  });
});

describe("ConversationEngine turn", () => {
  it("answers a keyword and keeps listening, resetting the misunderstanding count", () => {
    expect(nextReply(agent, 1, "予約したいです")).toEqual({
      next: "listen",
      say: "ご予約の件ですね。",
      misses: 0,
    });
  });

  it("asks again once, then hands over after repeated misunderstanding", () => {
    expect(nextReply(agent, 0, "ええと")).toEqual({
      next: "listen",
      say: "もう一度おっしゃっていただけますか。",
      misses: 1,
    });
    expect(nextReply(agent, 1, "")).toEqual({
      next: "transfer",
      say: "担当者におつなぎします。",
      reason: "not understood 2 times in a row",
      by: "fallback",
    });
  });

  it("transfers on a transfer template or when the caller asks for a person", () => {
    expect(nextReply(agent, 0, "解約したい")).toMatchObject({
      next: "transfer",
      say: "解約は担当者が承ります。",
    });
    expect(nextReply(agent, 0, "オペレーターと話したい")).toEqual({
      next: "transfer",
      say: "担当者におつなぎします。",
      reason: "caller asked: オペレーター",
      by: "ai",
    });
  });

  it("ends the call on an end_call template or a goodbye, with the closing line", () => {
    expect(nextReply(agent, 0, "住所を教えて")).toEqual({
      next: "end",
      say: ["東京都千代田区でございます。", "失礼いたします。"],
    });
    expect(nextReply(agent, 0, "以上です。ありがとう")).toEqual({ next: "end", say: ["失礼いたします。"] });
  });
});
