import { describe, expect, it } from "vitest";
import { decode, decodeSample, encode, encodeSample, MULAW_SILENCE } from "./mulaw.ts";

describe("μ-law", () => {
  it("matches G.711 reference points", () => {
    expect(MULAW_SILENCE).toBe(0xff);
    expect(encodeSample(32_767)).toBe(0x80);
    expect(encodeSample(-32_768)).toBe(0x00);
    expect(decodeSample(0x80)).toBe(32_124);
    expect(decodeSample(0x00)).toBe(-32_124);
    expect(decodeSample(0xff)).toBe(0);
  });

  it("round-trips every byte exactly and samples within the codec's step", () => {
    for (let byte = 0; byte < 256; byte++) {
      if (byte === 0x7f) continue; // negative zero: decodes to 0, re-encodes as positive zero
      expect(encodeSample(decodeSample(byte))).toBe(byte);
    }
    const samples = Int16Array.from({ length: 2000 }, (_, i) => Math.round(Math.sin(i / 10) * 20_000));
    const back = decode(encode(samples));
    samples.forEach((s, i) => {
      expect(Math.abs((back[i] ?? 0) - s)).toBeLessThanOrEqual(Math.max(8, Math.abs(s) * 0.04));
    });
  });
});
