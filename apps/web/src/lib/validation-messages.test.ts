import {
  conversationSettingsSchema,
  realtimeSettingsSchema,
  savableRealtimeSettingsSchema,
  unambiguousKeywordTemplatesSchema,
} from "@koe/shared";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validationMessages } from "./validation-messages.ts";

const tooFastAndTooLong = () => {
  const result = realtimeSettingsSchema.safeParse({ speed: 2, instructions: "あ".repeat(20_001) });
  if (result.success) throw new Error("expected invalid settings");
  return result.error;
};

const withoutCompanyName = () => {
  const result = conversationSettingsSchema.safeParse({
    companyName: "",
    greeting: "こんにちは",
    fallbackMessage: "もう一度お願いします",
    transferMessage: "おつなぎします",
    closingMessage: "失礼いたします",
  });
  if (result.success) throw new Error("expected invalid settings");
  return result.error;
};

const badTemplates = () => {
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
  return result.error;
};

describe("validationMessages", () => {
  it("names each invalid field in Japanese, keyed by its form path", () => {
    expect(
      validationMessages(tooFastAndTooLong(), { speed: "話速", instructions: "システムプロンプト" }, "ja"),
    ).toEqual({
      speed: "話速は1.5以下にしてください",
      instructions: "システムプロンプトは20,000文字以内で入力してください",
    });
  });

  it("says the same in English when English is chosen", () => {
    expect(
      validationMessages(tooFastAndTooLong(), { speed: "Speed", instructions: "System prompt" }, "en"),
    ).toEqual({
      speed: "Speed must be at most 1.5",
      instructions: "System prompt must be at most 20,000 characters",
    });
  });

  it("asks for a missing required text", () => {
    expect(validationMessages(withoutCompanyName(), { companyName: "会社名" }, "ja")).toEqual({
      companyName: "会社名を入力してください",
    });
    expect(validationMessages(withoutCompanyName(), { companyName: "Company name" }, "en")).toEqual({
      companyName: "Company name is required",
    });
  });

  it("falls back to a generic name for a field without a label", () => {
    expect(validationMessages(withoutCompanyName(), {}, "en")).toEqual({
      companyName: "This field is required",
    });
  });

  it("keys a list item's fields by index, labels them by pattern, and shows a tag's issue on its list", () => {
    const labels = {
      "keywordTemplates.*.keyword": "キーワード",
      "keywordTemplates.*.synonyms": "同義語",
      "keywordTemplates.*.response": "応答",
    };
    expect(validationMessages(badTemplates(), labels, "ja")).toEqual({
      "keywordTemplates.1.keyword": "キーワードを入力してください",
      "keywordTemplates.1.synonyms": "同義語は100文字以内で入力してください",
      "keywordTemplates.1.response": "応答を入力してください",
      "keywordTemplates.2.synonyms": "「値段」は1件目のテンプレートと重複しています",
      "keywordTemplates.3.keyword":
        "キーワードには文字か数字を含めてください(記号や空白だけでは反応しません)",
    });
  });

  it("words the templates' own problems in English too", () => {
    const labels = { "keywordTemplates.*.keyword": "Keyword", "keywordTemplates.*.synonyms": "Synonyms" };
    expect(validationMessages(badTemplates(), labels, "en")).toMatchObject({
      "keywordTemplates.2.synonyms": '"値段" is already a word of template 1',
      "keywordTemplates.3.keyword": "Keyword needs a letter or digit (symbols and spaces alone never match)",
    });
  });

  it("words the prompt's problems: empty while on, unknown variables", () => {
    const promptIssue = (input: object, language: string) => {
      const result = savableRealtimeSettingsSchema.safeParse(input);
      if (result.success) throw new Error("expected an invalid prompt");
      return validationMessages(result.error, {}, language).instructions;
    };
    expect(promptIssue({ enabled: true, instructions: "" }, "ja")).toMatch(
      /^Realtime APIを有効にしている間は/,
    );
    expect(promptIssue({ instructions: "{{company}}の{{unknown_var}}" }, "ja")).toMatch(
      /^使えない変数があります: \{\{company\}\} \{\{unknown_var\}\}/,
    );
    expect(promptIssue({ instructions: "{{company}}" }, "en")).toMatch(/^Unknown variables: \{\{company\}\}/);
  });
});
