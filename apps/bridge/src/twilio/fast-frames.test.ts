import { twilioInboundMessageSchema, twilioMarkMessageSchema, twilioMediaMessageSchema } from "@koe/shared";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutatedFrames } from "../testing/mutated-events.ts";
import { forwardCallerAudio, readMarkText, readMediaFrame, readMediaText } from "./fast-frames.ts";

const PAYLOAD = Buffer.alloc(160, 0xff).toString("base64");
const MEDIA = {
  event: "media",
  sequenceNumber: "4",
  media: { track: "inbound", chunk: "3", timestamp: "60", payload: PAYLOAD },
  streamSid: "MZ0123456789abcdef0123456789abcdef",
};
const MARK = { event: "mark", sequenceNumber: "5", streamSid: MEDIA.streamSid, mark: { name: "a1" } };
const TEMPLATES = [
  MEDIA,
  { ...MEDIA, media: { ...MEDIA.media, track: "outbound" } },
  MARK,
  {
    event: "stop",
    sequenceNumber: "6",
    streamSid: MEDIA.streamSid,
    stop: { accountSid: "AC1", callSid: "CA1" },
  },
];

/** What the general path (JSON.parse and the zod schema) makes of a frame. */
function schemaRead(text: string): unknown {
  try {
    const parsed = twilioInboundMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The fast path on a frame, as `media-stream.ts` takes it: non-JSON never reaches it. */
function fastRead(text: string) {
  try {
    return readMediaFrame(JSON.parse(text));
  } catch {
    return null;
  }
}

/** What `forwardCallerAudio` hands its sink, or null when it leaves the frame to the other paths. */
function forwarded(text: string): [string, number] | null {
  let heard: [string, number] | null = null;
  const taken = forwardCallerAudio(text, {
    callerAudio: (payload, timestampMs) => {
      heard = [payload, timestampMs];
    },
  });
  expect(taken, text).toBe(heard !== null);
  return heard;
}

/**
 * Fails when a fast path takes a frame the schema refuses, or reads it differently; or when the
 * caller's audio is forwarded from any frame but a caller-track one `readMediaText` reads.
 */
function expectAgreement(text: string): void {
  const fast = fastRead(text);
  if (fast !== null) expect(fast, text).toEqual(schemaRead(text));
  const read = readMediaText(text);
  if (read !== null) expect(read, text).toEqual(schemaRead(text));
  const mark = readMarkText(text);
  if (mark !== null) expect(mark, text).toEqual(schemaRead(text));
  expect(forwarded(text), text).toEqual(
    read?.media.track === "inbound" ? [read.media.payload, Number(read.media.timestamp)] : null,
  );
}

describe("the fast paths for Twilio's media frames and mark echoes", () => {
  it("takes media frames as Twilio writes them, with what the schema gives", () => {
    const extras = { ...MEDIA, extra: "ignored", media: { ...MEDIA.media, nested: { deeper: [1] } } };
    for (const frame of [MEDIA, TEMPLATES[1], extras]) {
      const text = JSON.stringify(frame);
      expect(fastRead(text)).toEqual(twilioMediaMessageSchema.parse(frame));
    }
    const escaped = JSON.stringify(MEDIA, null, 2).replace('"inbound"', '"\\u0069nbound"');
    expect(fastRead(escaped)).toEqual(twilioMediaMessageSchema.parse(MEDIA));
  });

  it("reads compact media frames in Twilio's key order, and in the simulator's, without JSON.parse", () => {
    const simulatorOrder = {
      event: "media",
      sequenceNumber: "4",
      streamSid: MEDIA.streamSid,
      media: MEDIA.media,
    };
    for (const frame of [MEDIA, TEMPLATES[1], simulatorOrder]) {
      const text = JSON.stringify(frame);
      expect(readMediaText(text), text).toEqual(twilioMediaMessageSchema.parse(frame));
      expectAgreement(text);
    }
    // The caller's track, in either order, goes straight on: its payload and its timestamp.
    expect(forwarded(JSON.stringify(MEDIA))).toEqual([PAYLOAD, 60]);
    expect(forwarded(JSON.stringify(simulatorOrder))).toEqual([PAYLOAD, 60]);
    expect(forwarded(JSON.stringify(TEMPLATES[1]))).toBeNull();
    // Anything else goes the longer ways: whitespace, other orders, extra keys, escapes.
    const others = [
      JSON.stringify(MEDIA, null, 1),
      JSON.stringify({ ...MEDIA, extra: 1 }),
      JSON.stringify({ streamSid: MEDIA.streamSid, event: "media", sequenceNumber: "4", media: MEDIA.media }),
      JSON.stringify(MEDIA).replace('"inbound"', '"\\u0069nbound"'),
      JSON.stringify({ ...MEDIA, media: { ...MEDIA.media, payload: "a\nb" } }),
      `${JSON.stringify(MEDIA)}\n`,
    ];
    for (const text of others) {
      expect(readMediaText(text), text).toBeNull();
      expectAgreement(text);
    }
  });

  it("reads compact mark echoes in Twilio's key order, and leaves the rest to the schema", () => {
    for (const frame of [
      MARK,
      { ...MARK, mark: { name: "line-2.part_1:x" } },
      { ...MARK, mark: { name: "" } },
    ]) {
      const text = JSON.stringify(frame);
      expect(readMarkText(text), text).toEqual(twilioMarkMessageSchema.parse(frame));
      expect(readMediaText(text), text).toBeNull();
    }
    const others = [
      JSON.stringify(MARK, null, 1),
      JSON.stringify({ ...MARK, extra: 1 }),
      JSON.stringify({ event: "mark", streamSid: MARK.streamSid, sequenceNumber: "5", mark: MARK.mark }),
      JSON.stringify({ ...MARK, mark: { name: 'say "hi"' } }),
      JSON.stringify({ ...MARK, mark: { name: "a\\1" } }),
      JSON.stringify({ ...MARK, mark: { name: "音声" } }),
      JSON.stringify({ ...MARK, mark: { name: "a1", extra: true } }),
      JSON.stringify({ ...MARK, sequenceNumber: "5a" }),
      JSON.stringify({ ...MARK, sequenceNumber: 5 }),
      JSON.stringify({ ...MARK, event: "Mark" }),
      JSON.stringify(MARK).replace('"a1"', '"\\u00611"'),
      `${JSON.stringify(MARK)}\n`,
    ];
    for (const text of others) {
      expect(readMarkText(text), text).toBeNull();
      expectAgreement(text);
    }
  });

  it("leaves to the schema every frame it refuses", () => {
    const malformed: unknown[] = [
      { ...MEDIA, sequenceNumber: 4 },
      { ...MEDIA, sequenceNumber: "4a" },
      { ...MEDIA, sequenceNumber: "" },
      { ...MEDIA, streamSid: 12 },
      { ...MEDIA, streamSid: undefined },
      { ...MEDIA, media: undefined },
      { ...MEDIA, media: "audio" },
      { ...MEDIA, media: [PAYLOAD] },
      { ...MEDIA, media: { ...MEDIA.media, payload: undefined } },
      { ...MEDIA, media: { ...MEDIA.media, payload: 160 } },
      { ...MEDIA, media: { ...MEDIA.media, payload: { data: PAYLOAD } } },
      { ...MEDIA, media: { ...MEDIA.media, payload: [PAYLOAD] } },
      // Not base64: the bridge copies audio into frames byte for byte, so only base64 is audio.
      { ...MEDIA, media: { ...MEDIA.media, payload: 'a"b' } },
      { ...MEDIA, media: { ...MEDIA.media, payload: "a\\b" } },
      { ...MEDIA, media: { ...MEDIA.media, payload: "音声" } },
      { ...MEDIA, media: { ...MEDIA.media, payload: "AAAA-_AA" } },
      { ...MEDIA, media: { ...MEDIA.media, track: "both" } },
      { ...MEDIA, media: { ...MEDIA.media, chunk: "-1" } },
      { ...MEDIA, media: { ...MEDIA.media, timestamp: 60 } },
      { ...MEDIA, event: "Media" },
      { ...MEDIA, event: undefined },
    ];
    for (const frame of malformed) {
      const text = JSON.stringify(frame);
      expect(fastRead(text), text).toBeNull();
      expectAgreement(text);
    }
    for (const text of [
      "not json",
      "",
      "null",
      `[${JSON.stringify(MEDIA)}]`,
      JSON.stringify(MEDIA).slice(0, -1),
      `${JSON.stringify(MEDIA)}}`,
    ]) {
      expect(fastRead(text), text).toBeNull();
      expectAgreement(text);
    }
  });

  it("takes a huge payload only as the schema does", () => {
    const huge = JSON.stringify({ ...MEDIA, media: { ...MEDIA.media, payload: "A".repeat(1_000_000) } });
    expect(fastRead(huge)?.media.payload).toHaveLength(1_000_000);
    expectAgreement(huge);
  });

  it("never takes what the schema refuses, over 20,000 mutated frames", () => {
    let taken = 0;
    let read = 0;
    let marks = 0;
    let callerAudio = 0;
    fc.assert(
      fc.property(mutatedFrames(TEMPLATES, "event"), (text) => {
        expectAgreement(text);
        if (fastRead(text)) taken++;
        if (readMediaText(text)) read++;
        if (readMarkText(text)) marks++;
        if (forwarded(text)) callerAudio++;
      }),
      { seed: 18, numRuns: 20_000 },
    );
    // The mutations leave many frames valid: both fast paths must have been taken for them.
    expect(taken).toBeGreaterThan(500);
    expect(read).toBeGreaterThan(100);
    expect(marks).toBeGreaterThan(100);
    expect(callerAudio).toBeGreaterThan(100);
  });
});
