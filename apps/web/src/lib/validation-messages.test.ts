import { conversationSettingsSchema, realtimeSettingsSchema } from "@koe/shared";
import { describe, expect, it } from "vitest";
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
});
