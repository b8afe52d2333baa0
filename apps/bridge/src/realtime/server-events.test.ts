import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutatedServerFrame } from "../testing/mutated-events.ts";
import { parseServerFrame } from "./server-events.ts";

/** The string fields each event must carry for the call to act on it. */
const REQUIRED_STRINGS: Record<string, string[]> = {
  "response.output_audio.delta": ["item_id", "delta"],
  "conversation.item.input_audio_transcription.completed": ["item_id", "transcript"],
  "response.output_audio_transcript.done": ["item_id", "transcript"],
  "response.function_call_arguments.done": ["call_id", "name", "arguments"],
};

describe("OpenAI server frames at the transport", () => {
  it("takes a transcription without usage (the event that ended the process), counting no tokens", () => {
    const frame = parseServerFrame(
      JSON.stringify({
        type: "conversation.item.input_audio_transcription.completed",
        event_id: "e1",
        item_id: "item_1",
        content_index: 0,
        transcript: "もしもし",
      }),
    );
    expect(frame).toEqual({
      event: {
        type: "conversation.item.input_audio_transcription.completed",
        item_id: "item_1",
        transcript: "もしもし",
        usage: undefined,
      },
    });
  });

  it("keeps an event whose optional parts are null or malformed, without them", () => {
    expect(
      parseServerFrame(
        JSON.stringify({
          type: "response.done",
          response: { id: null, usage: { input_token_details: "x" } },
        }),
      ),
    ).toEqual({
      event: {
        type: "response.done",
        response: {
          id: undefined,
          usage: { input_token_details: undefined, output_token_details: undefined },
        },
      },
    });
  });

  it("drops NUL from the text it stores (PostgreSQL refuses it, and one such row would block the journal of every call)", () => {
    expect(
      parseServerFrame(
        JSON.stringify({
          type: "response.output_audio_transcript.done",
          item_id: "item\u0000_1",
          transcript: "は\u0000い",
        }),
      ),
    ).toEqual({
      event: { type: "response.output_audio_transcript.done", item_id: "item_1", transcript: "はい" },
    });
    expect(
      parseServerFrame(
        JSON.stringify({
          type: "response.function_call_arguments.done",
          call_id: "c",
          name: "n",
          arguments: '{"a":"x\\u0000y"}',
        }),
      ),
    ).toMatchObject({ event: { arguments: '{"a":"xy"}' } });
  });

  it("skips, with a bounded label, what Koe cannot act on", () => {
    expect(parseServerFrame('{"type":"response.output_audio.delta","item_id":1,"delta":"AA"}')).toMatchObject(
      {
        skipped: { label: "response.output_audio.delta", reason: "invalid" },
      },
    );
    expect(parseServerFrame('{"type":"x.new.event"}')).toMatchObject({
      skipped: { label: "unknown", reason: "unknown_type", type: "x.new.event" },
    });
    expect(parseServerFrame("[1,2")).toMatchObject({ skipped: { label: "unknown", reason: "not_json" } });
    expect(parseServerFrame("null")).toMatchObject({ skipped: { label: "unknown", reason: "no_type" } });
    expect(parseServerFrame('{"type":"rate_limits.updated"}')).toEqual({ ignored: true });
  });

  it("never throws on 10,000 mutated GA events, and passes on only events with the fields the call reads", () => {
    fc.assert(
      fc.property(mutatedServerFrame, (text) => {
        const frame = parseServerFrame(text);
        if (!("event" in frame)) return;
        const event = frame.event as unknown as Record<string, unknown>;
        for (const field of REQUIRED_STRINGS[frame.event.type] ?? [])
          expect(typeof event[field]).toBe("string");
      }),
      { seed: 14, numRuns: 10_000 },
    );
  });
});
