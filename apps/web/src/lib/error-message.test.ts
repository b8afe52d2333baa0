import { TRPCClientError } from "@trpc/client";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../i18n/i18n.ts";
import { errorMessage } from "./error-message.ts";

const failure = (code: string, message: string) =>
  TRPCClientError.from({ error: { code: -32600, message, data: { code } } });

describe("errorMessage", () => {
  afterEach(() => i18n.changeLanguage("ja"));

  it("words a failure by its code in the chosen language, not in the api's English", async () => {
    expect(errorMessage(failure("NOT_FOUND", "No such call."))).toBe(
      "対象が見つかりません。削除されたか、別の会社のデータです。",
    );
    await i18n.changeLanguage("en");
    expect(errorMessage(failure("NOT_FOUND", "No such call."))).toBe(
      "Not found. It was deleted or belongs to another company.",
    );
  });

  it("shows the server's Japanese message only on a Japanese page", async () => {
    const japanese = failure("PRECONDITION_FAILED", "設定を読み取れません。");
    expect(errorMessage(japanese)).toBe("設定を読み取れません。");
    await i18n.changeLanguage("en");
    expect(errorMessage(japanese)).toBe("This cannot be done with the current settings.");
  });

  it("prefers the caller's words for a code", () => {
    expect(
      errorMessage(failure("CONFLICT", "The call was already handed off."), { CONFLICT: "転送済みです。" }),
    ).toBe("転送済みです。");
  });
});
