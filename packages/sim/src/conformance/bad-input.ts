import type { RealtimeError } from "openai/resources/realtime/realtime";

/** What the error event must say: its code and param, where the API names them. */
export type ExpectedError = Partial<Pick<RealtimeError, "code" | "param">>;

// Bad input for each GA client event. The API reference documents the error event's shape
// (`type`, `code`, `message`, `param`, `event_id`) but lists no codes: the codes here are the
// simulator's (client-events.ts, conversation.ts, session-config.ts), taken from the API's own
// error messages; where no code is known, only the param is checked.
export const BAD_INPUT: Array<[string, unknown, ExpectedError]> = [
  ["a frame that is not JSON", "{not json", { code: "invalid_json" }],
  // The reference's own error example is this case (with its event_id echoed) but names the code
  // `invalid_event` where the simulator says `missing_required_parameter`: only the echo is checked.
  ["an event without a type", { event_id: "evt_bad" }, {}],
  ["an unknown event type", { type: "response.make_it_so" }, { code: "invalid_value", param: "type" }],
  [
    "a retired beta event",
    { type: "transcription_session.update", session: {} },
    { code: "invalid_value", param: "type" },
  ],
  [
    "an append without audio",
    { type: "input_audio_buffer.append" },
    { code: "missing_required_parameter", param: "audio" },
  ],
  [
    "an append whose audio is not base64",
    { type: "input_audio_buffer.append", audio: "not base64!" },
    { code: "invalid_value", param: "audio" },
  ],
  [
    "a commit of an empty buffer",
    { type: "input_audio_buffer.commit" },
    { code: "input_audio_buffer_commit_empty" },
  ],
  ["a cancel with no active response", { type: "response.cancel" }, { code: "response_cancel_not_active" }],
  [
    "a truncate of an unknown item",
    { type: "conversation.item.truncate", item_id: "item_nope", content_index: 0, audio_end_ms: 0 },
    { code: "item_not_found", param: "item_id" },
  ],
  [
    "a delete of an unknown item",
    { type: "conversation.item.delete", item_id: "item_nope" },
    { code: "item_not_found", param: "item_id" },
  ],
  [
    "a retrieve of an unknown item",
    { type: "conversation.item.retrieve", item_id: "item_nope" },
    { code: "item_not_found", param: "item_id" },
  ],
  [
    "a truncate without audio_end_ms",
    { type: "conversation.item.truncate", item_id: "item_nope", content_index: 0 },
    { code: "missing_required_parameter", param: "audio_end_ms" },
  ],
  [
    "an item create without an item",
    { type: "conversation.item.create" },
    { code: "missing_required_parameter", param: "item" },
  ],
  [
    "an item create after an unknown previous item",
    {
      type: "conversation.item.create",
      previous_item_id: "item_nope",
      item: { type: "message", role: "user", content: [{ type: "input_text", text: "こんにちは" }] },
    },
    { param: "previous_item_id" },
  ],
  [
    "a tool output for an unknown call",
    {
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: "call_nope", output: "{}" },
    },
    { code: "invalid_value", param: "item.call_id" },
  ],
  [
    "a session update without a session type",
    { type: "session.update", session: { instructions: "x" } },
    { code: "missing_required_parameter", param: "session.type" },
  ],
  [
    "a session update with a parameter GA does not have",
    { type: "session.update", session: { type: "realtime", temperature: 0.8 } },
    { code: "unknown_parameter", param: "session.temperature" },
  ],
  [
    "a session update with a voice GA does not have",
    { type: "session.update", session: { type: "realtime", audio: { output: { voice: "nova" } } } },
    { code: "invalid_value", param: "session.audio.output.voice" },
  ],
  [
    "a session update with an unknown transcription model",
    {
      type: "session.update",
      session: { type: "realtime", audio: { input: { transcription: { model: "whisper-9" } } } },
    },
    { code: "invalid_value", param: "session.audio.input.transcription.model" },
  ],
];
