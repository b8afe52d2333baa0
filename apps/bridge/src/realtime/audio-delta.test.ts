import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutatedFrames, mutatedServerFrame } from "../testing/mutated-events.ts";
import { readAudioDelta, readAudioDeltaText } from "./audio-delta.ts";
import { parseServerEventWithSchemas, parseServerFrame } from "./server-events.ts";

const DELTA = {
  type: "response.output_audio.delta",
  event_id: "event_d1",
  response_id: "resp_1",
  item_id: "item_1",
  output_index: 0,
  content_index: 0,
  delta: Buffer.alloc(800, 0xff).toString("base64"),
};

/** The fast path on a frame, as `parseServerFrame` takes it: non-JSON never reaches it. */
function fastRead(text: string) {
  try {
    return readAudioDelta(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Fails when either fast path takes a delta the schema refuses, or reads it differently. */
function expectAgreement(text: string): void {
  const fast = fastRead(text);
  if (fast !== null) expect({ event: fast }, text).toEqual(parseServerEventWithSchemas(JSON.parse(text)));
  const read = readAudioDeltaText(text);
  if (read !== null) expect({ event: read }, text).toEqual(parseServerEventWithSchemas(JSON.parse(text)));
}

describe("the fast path for OpenAI audio deltas", () => {
  it("takes deltas as OpenAI writes them, with what the schema gives", () => {
    const text = JSON.stringify(DELTA);
    expect(fastRead(text)).toEqual({ type: DELTA.type, item_id: "item_1", delta: DELTA.delta });
    expect(parseServerFrame(text)).toEqual({ event: fastRead(text) });
    expectAgreement(text);
  });

  it("reads a delta as the API writes it without JSON.parse, and leaves anything else to the longer ways", () => {
    const text = JSON.stringify(DELTA);
    expect(readAudioDeltaText(text)).toEqual({ type: DELTA.type, item_id: "item_1", delta: DELTA.delta });
    const others = [
      JSON.stringify(DELTA, null, 1),
      JSON.stringify({ ...DELTA, extra: 1 }),
      JSON.stringify({ ...DELTA, item_id: "item\u0000nul" }),
      JSON.stringify({ ...DELTA, item_id: 'say "hi"' }),
      JSON.stringify({ ...DELTA, output_index: 1.5 }),
      text.replace('"output_index":0', '"output_index":00'),
      text.replace('"item_1"', '"item\\u0031"'),
      `${text} `,
    ];
    for (const other of others) {
      expect(readAudioDeltaText(other), other).toBeNull();
      if (other !== others[5]) expectAgreement(other);
    }
  });

  it("leaves to the schema every delta it refuses", () => {
    const malformed: unknown[] = [
      { ...DELTA, item_id: 7 },
      { ...DELTA, item_id: undefined },
      { ...DELTA, item_id: null },
      { ...DELTA, delta: undefined },
      { ...DELTA, delta: 800 },
      { ...DELTA, delta: { audio: DELTA.delta } },
      { ...DELTA, delta: [DELTA.delta] },
      // Not base64: the bridge copies audio into frames byte for byte, so only base64 is audio.
      { ...DELTA, delta: 'a"b' },
      { ...DELTA, delta: "音声" },
      { ...DELTA, delta: "AAAA\nAAAA" },
      { ...DELTA, item_id: "item\u0000nul" },
      { ...DELTA, type: "response.output_audio.deltas" },
      [DELTA],
      null,
      "response.output_audio.delta",
    ];
    for (const event of malformed) {
      expect(readAudioDelta(event), JSON.stringify(event)).toBeNull();
      expectAgreement(JSON.stringify(event));
    }
    for (const text of ["not json", "", JSON.stringify(DELTA).slice(0, -2)]) {
      expect(fastRead(text), text).toBeNull();
      expect(parseServerFrame(text)).toMatchObject({ skipped: { reason: "not_json" } });
    }
  });

  it("takes extra fields and a huge delta only as the schema does", () => {
    for (const event of [
      { ...DELTA, delta: "A".repeat(4_000_000) },
      { ...DELTA, extra: { nested: { deeper: [1] } } },
    ]) {
      const text = JSON.stringify(event);
      expect(fastRead(text)).not.toBeNull();
      expectAgreement(text);
    }
  });

  it("never takes what the schema refuses, over 20,000 mutated GA events", () => {
    let taken = 0;
    let read = 0;
    const frames = fc.oneof(mutatedFrames([DELTA], "type"), mutatedServerFrame);
    fc.assert(
      fc.property(frames, (text) => {
        expectAgreement(text);
        if (fastRead(text)) taken++;
        if (readAudioDeltaText(text)) read++;
      }),
      { seed: 18, numRuns: 20_000 },
    );
    expect(taken).toBeGreaterThan(1_000);
    expect(read).toBeGreaterThan(100);
  });
});
