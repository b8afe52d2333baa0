import { describe, expect, it } from "vitest";
import { characterErrors, editDistance, normalizeForCer } from "./character-error-rate.ts";

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
});
