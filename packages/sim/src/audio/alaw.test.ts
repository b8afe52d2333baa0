import { describe, expect, it } from "vitest";
import { decode, encode } from "./alaw.ts";

describe("G.711 A-law", () => {
  it("round-trips samples within the codec's step size", () => {
    const samples = [0, 1, -1, 100, -100, 1000, -1000, 8000, -8000, 32_000, -32_000];
    const back = decode(encode(samples));
    samples.forEach((s, i) => {
      expect(Math.abs((back[i] ?? 0) - s)).toBeLessThanOrEqual(Math.max(16, Math.abs(s) / 16));
    });
  });

  it("encodes silence as 0xd5, as G.711 specifies", () => {
    expect(encode([0])[0]).toBe(0xd5);
  });
});
