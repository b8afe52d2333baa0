import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { describe, expect, it } from "vitest";
import { EMPTY_TRANSCRIPT, foldServerEvent } from "./test-call-transcript.ts";

const at = { event_id: "event_1", response_id: "resp_1", output_index: 0, content_index: 0 };

function fold(events: RealtimeServerEvent[]) {
  return events.reduce(foldServerEvent, EMPTY_TRANSCRIPT);
}

describe("the test call's transcript", () => {
  it("shows the agent's speech as it arrives, then its final text", () => {
    const speaking = fold([
      { type: "session.created", event_id: "event_0", session: { type: "realtime" } },
      { type: "response.output_audio_transcript.delta", ...at, item_id: "item_a", delta: "お電話" },
      { type: "response.output_audio_transcript.delta", ...at, item_id: "item_a", delta: "ありがとう" },
    ]);
    expect(speaking.lines).toEqual([
      {
        itemId: "item_a",
        role: "agent",
        text: "お電話ありがとう",
        done: false,
        interrupted: false,
        untranscribed: false,
      },
    ]);
    const done = foldServerEvent(speaking, {
      type: "response.output_audio_transcript.done",
      ...at,
      item_id: "item_a",
      transcript: "お電話ありがとうございます。",
    });
    expect(done.lines[0]).toMatchObject({ text: "お電話ありがとうございます。", done: true });
  });

  it("keeps the caller's line before the agent's answer even when its transcription comes later", () => {
    const transcript = fold([
      { type: "input_audio_buffer.committed", event_id: "e", item_id: "item_u", previous_item_id: null },
      {
        type: "response.output_audio_transcript.delta",
        ...at,
        item_id: "item_b",
        delta: "かしこまりました。",
      },
      {
        type: "conversation.item.input_audio_transcription.delta",
        event_id: "e",
        item_id: "item_u",
        content_index: 0,
        delta: "予約を",
      },
      {
        type: "conversation.item.input_audio_transcription.completed",
        event_id: "e",
        item_id: "item_u",
        content_index: 0,
        transcript: "予約をお願いします。",
        usage: { type: "duration", seconds: 1 },
      },
    ]);
    expect(transcript.lines.map((line) => [line.role, line.text, line.done])).toEqual([
      ["caller", "予約をお願いします。", true],
      ["agent", "かしこまりました。", false],
    ]);
  });

  it("says when the caller's speech could not be transcribed", () => {
    const transcript = fold([
      {
        type: "conversation.item.input_audio_transcription.failed",
        event_id: "e",
        item_id: "item_u",
        content_index: 0,
        error: { message: "audio too short" },
      },
    ]);
    expect(transcript.lines[0]).toMatchObject({ role: "caller", untranscribed: true, done: true });
  });

  it("marks the agent's line interrupted when the caller cut the response off", () => {
    const transcript = fold([
      { type: "response.output_audio_transcript.delta", ...at, item_id: "item_a", delta: "本日は" },
      {
        type: "response.done",
        event_id: "e",
        response: {
          id: "resp_1",
          status: "cancelled",
          output: [{ id: "item_a", type: "message", role: "assistant", content: [] }],
        },
      },
    ]);
    expect(transcript.lines[0]).toMatchObject({ text: "本日は", done: true, interrupted: true });
  });

  it("turns an error event into a Japanese message and keeps the lines", () => {
    const transcript = fold([
      { type: "response.output_audio_transcript.delta", ...at, item_id: "item_a", delta: "はい" },
      {
        type: "error",
        event_id: "e",
        error: {
          type: "invalid_request_error",
          code: "invalid_value",
          message: "Invalid value",
          param: null,
        },
      },
    ]);
    expect(transcript.error).toBe("Invalid value");
    expect(transcript.lines).toHaveLength(1);
  });
});
