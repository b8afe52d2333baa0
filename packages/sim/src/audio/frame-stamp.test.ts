import { describe, expect, it } from "vitest";
import { ServerVad } from "../realtime/server-vad.ts";
import { readStamp, stampClock, stampFrame } from "./frame-stamp.ts";
import { synthesizeSilence } from "./synthetic-speech.ts";

describe("frame stamps", () => {
  it("round-trip the sequence number and send time", () => {
    const before = stampClock();
    const stamp = readStamp(stampFrame(synthesizeSilence(20), 4242));
    expect(stamp?.seq).toBe(4242);
    expect(stamp?.sentAt).toBeGreaterThanOrEqual(before);
    expect(readStamp(synthesizeSilence(20))).toBeNull();
  });

  it("keep stamped silence silent to the VAD", () => {
    const vad = new ServerVad({ threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 });
    const silence = synthesizeSilence(2000);
    for (let i = 0; i < silence.length; i += 160) {
      expect(vad.push(stampFrame(silence.subarray(i, i + 160), i))).toEqual([]);
    }
  });
});
