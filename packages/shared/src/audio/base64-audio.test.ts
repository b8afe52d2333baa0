import { describe, expect, it } from "vitest";
import { base64AudioSchema, isBase64Audio } from "./base64-audio.ts";

describe("base64 audio", () => {
  it("takes what Buffer writes as base64, and only base64's alphabet", () => {
    for (const bytes of [0, 1, 2, 3, 160, 800])
      expect(base64AudioSchema.safeParse(Buffer.alloc(bytes, 0xfb).toString("base64")).success).toBe(true);
    for (const text of ['a"b', "a\\b", "a\nb", "音声", "AA-_", "AA AA", "é"]) {
      expect(base64AudioSchema.safeParse(text).success, text).toBe(false);
      expect(isBase64Audio(text), text).toBe(false);
    }
  });
});
