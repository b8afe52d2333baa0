import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonString } from "./json-string.ts";

describe("jsonString", () => {
  it("writes what JSON.stringify writes, for any string", () => {
    for (const text of ["", "/+8=", 'a"b', "a\\b", "\n", "\0", "\u2028", "\ud800", "😀", "日本"])
      expect(jsonString(text)).toBe(JSON.stringify(text));
    // Any UTF-16 code unit, lone surrogates included.
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: codeUnit })),
        (text) => {
          expect(jsonString(text)).toBe(JSON.stringify(text));
        },
      ),
      { seed: 18, numRuns: 10_000 },
    );
  });
});
