import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutatedFrames, mutatedServerFrame } from "../testing/mutated-events.ts";
import { readAudioDelta } from "./audio-delta.ts";
import { parseServerFrameWithSchemas } from "./server-events.ts";

const DELTA = {
  type: "response.output_audio.delta",
  event_id: "event_d1",
  response_id: "resp_1",
  item_id: "item_1",
  output_index: 0,
  content_index: 0,
  delta: Buffer.alloc(800, 0xff).toString("base64"),
};

/** Fails when the fast path takes a delta the schema refuses, or reads it differently. */
function expectAgreement(text: string): void {
  const fast = readAudioDelta(text);
  if (fast !== null) expect({ event: fast }, text).toEqual(parseServerFrameWithSchemas(text));
}

describe("the fast path for OpenAI audio deltas", () => {
  it("takes deltas as OpenAI writes them, with what the schema gives", () => {
    const text = JSON.stringify(DELTA);
    expect(readAudioDelta(text)).toEqual({ type: DELTA.type, item_id: "item_1", delta: DELTA.delta });
    expectAgreement(text);
  });

  it("leaves to the schema every delta it refuses, and what it cannot read plainly", () => {
    const malformed: unknown[] = [
      { ...DELTA, item_id: 7 },
      { ...DELTA, item_id: undefined },
      { ...DELTA, item_id: null },
      { ...DELTA, delta: undefined },
      { ...DELTA, delta: 800 },
      { ...DELTA, delta: { audio: DELTA.delta } },
      { ...DELTA, delta: [DELTA.delta] },
      { ...DELTA, item_id: "item\u0000nul" },
      { ...DELTA, output_index: 0.5 },
      { ...DELTA, type: "response.output_audio.deltas" },
      { ...DELTA, extra: { nested: { deeper: 1 } } },
    ];
    for (const event of malformed) {
      const text = JSON.stringify(event);
      expect(readAudioDelta(text), text).toBeNull();
      expectAgreement(text);
    }
    for (const text of [
      "not json",
      "",
      "null",
      JSON.stringify(DELTA).slice(0, -2),
      `[${JSON.stringify(DELTA)}]`,
    ]) {
      expect(readAudioDelta(text), text).toBeNull();
      expectAgreement(text);
    }
  });

  it("takes a huge delta only as the schema does", () => {
    const text = JSON.stringify({ ...DELTA, delta: "A".repeat(4_000_000) });
    expect(readAudioDelta(text)?.delta).toHaveLength(4_000_000);
    expectAgreement(text);
  });

  it("never takes what the schema refuses, over 20,000 mutated GA events", () => {
    let taken = 0;
    const frames = fc.oneof(mutatedFrames([DELTA], "type"), mutatedServerFrame);
    fc.assert(
      fc.property(frames, (text) => {
        expectAgreement(text);
        if (readAudioDelta(text)) taken++;
      }),
      { seed: 18, numRuns: 20_000 },
    );
    expect(taken).toBeGreaterThan(1_000);
  });
});
