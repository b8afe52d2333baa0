import { conversationSettingsSchema, realtimeSettingsSchema } from "@koe/shared";
import { describe, expect, it } from "vitest";
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
});
