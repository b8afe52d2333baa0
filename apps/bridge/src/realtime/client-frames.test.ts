import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializeClientEvent } from "./client-frames.ts";

describe("serializeClientEvent", () => {
  it("writes the same JSON as JSON.stringify, for appends and for every other event", () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (audio, event_id) => {
        const event = { type: "input_audio_buffer.append" as const, audio, event_id };
        expect(JSON.parse(serializeClientEvent(event))).toEqual(JSON.parse(JSON.stringify(event)));
      }),
      { seed: 18, numRuns: 5_000 },
    );
    const cancel = { type: "response.cancel" as const };
    expect(serializeClientEvent(cancel)).toBe(JSON.stringify(cancel));
  });
});
