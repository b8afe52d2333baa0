import {
  conversationSettingsSchema,
  realtimeSettingsSchema,
  unambiguousKeywordTemplatesSchema,
} from "@koe/shared";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { japaneseIssues } from "./japanese-issues.ts";

describe("japaneseIssues", () => {
  it("names each invalid field in Japanese, keyed by its form path", () => {
    const result = realtimeSettingsSchema.safeParse({ speed: 2, instructions: "あ".repeat(20_001) });
    if (result.success) throw new Error("expected invalid settings");
    expect(japaneseIssues(result.error, { speed: "話速", instructions: "システムプロンプト" })).toEqual({
      speed: "話速は1.5以下にしてください",
      instructions: "システムプロンプトは20,000文字以内で入力してください",
    });
  });

  it("asks for a missing required text", () => {
    const result = conversationSettingsSchema.safeParse({
      companyName: "",
      greeting: "こんにちは",
      fallbackMessage: "もう一度お願いします",
      transferMessage: "おつなぎします",
      closingMessage: "失礼いたします",
    });
    if (result.success) throw new Error("expected invalid settings");
    expect(japaneseIssues(result.error, { companyName: "会社名" })).toEqual({
      companyName: "会社名を入力してください",
    });
  });

  it("keys a list item's fields by index, labels them by pattern, and shows a tag's issue on its list", () => {
    const schema = z.object({ keywordTemplates: unambiguousKeywordTemplatesSchema });
    const result = schema.safeParse({
      keywordTemplates: [
        { keyword: "料金", synonyms: ["値段"], response: "月額九千八百円からです。", action: "none" },
        { keyword: "", synonyms: ["ＸＸ".repeat(51)], response: "", action: "none" },
        { keyword: "価格", synonyms: ["値段"], response: "月額九千八百円からです。", action: "none" },
        { keyword: "？", synonyms: [], response: "はい。", action: "none" },
      ],
    });
    if (result.success) throw new Error("expected invalid templates");
    const labels = {
      "keywordTemplates.*.keyword": "キーワード",
      "keywordTemplates.*.synonyms": "同義語",
      "keywordTemplates.*.response": "応答",
    };
    expect(japaneseIssues(result.error, labels)).toEqual({
      "keywordTemplates.1.keyword": "キーワードを入力してください",
      "keywordTemplates.1.synonyms": "同義語は100文字以内で入力してください",
      "keywordTemplates.1.response": "応答を入力してください",
      "keywordTemplates.2.synonyms": "「値段」は1件目のテンプレートと重複しています",
      "keywordTemplates.3.keyword":
        "キーワードには文字か数字を含めてください(記号や空白だけでは反応しません)",
    });
  });
});
