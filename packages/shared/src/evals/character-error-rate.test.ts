import { describe, expect, it } from "vitest";
import { CER_MAX_CHARS, characterErrors, editDistance, normalizeForCer } from "./character-error-rate.ts";

describe("character error rate", () => {
  it("counts substitutions, insertions and deletions", () => {
    expect(editDistance([..."予約したい"], [..."予約したい"])).toBe(0);
    expect(editDistance([..."予約したい"], [..."予約してい"])).toBe(1);
    expect(editDistance([..."予約したい"], [..."予約"])).toBe(3);
    expect(editDistance([], [..."はい"])).toBe(2);
  });

  it("ignores punctuation, spaces and full-width forms", () => {
    expect(normalizeForCer("はい、１２時で お願いします。")).toEqual([..."はい12時でお願いします"]);
    expect(characterErrors("明日の十時に予約したいです。", "明日の十字に予約したいです")).toEqual({
      edits: 1,
      length: 13,
    });
  });

  it("compares only the first CER_MAX_CHARS characters of reference and transcript", () => {
    // 20,000 characters each (the longest reference accepted) would be 400 million steps.
    const reference = "予".repeat(CER_MAX_CHARS) + "約".repeat(20_000 - CER_MAX_CHARS);
    expect(characterErrors(reference, "予".repeat(20_000))).toEqual({ edits: 0, length: CER_MAX_CHARS });
    expect(characterErrors("予".repeat(10), "予".repeat(9))).toEqual({ edits: 1, length: 10 });
    // A transcript longer than the cut reference is not charged for the rest.
    expect(characterErrors("は".repeat(20_000), "は".repeat(5_000))).toEqual({
      edits: 0,
      length: CER_MAX_CHARS,
    });
  });
});
