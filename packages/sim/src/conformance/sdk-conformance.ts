import { expect } from "vitest";
import { checkServerEventsAgainstSdk } from "./sdk-type-check.ts";

/** Events the SDK's types must refuse, one kind of mistake each: they prove the check can fail. */
export const NON_CONFORMING_EVENTS = [
  { type: "input_audio_buffer.flushed", event_id: "event_1" },
  { type: "input_audio_buffer.cleared", event_id: "event_1", item_id: "item_1" },
  { type: "input_audio_buffer.speech_started", event_id: "event_1", item_id: null, audio_start_ms: 0 },
  { type: "input_audio_buffer.speech_started", event_id: "event_1", item_id: "item_1", audio_start_ms: "0" },
  { type: "session.created", event_id: "event_1", session: { type: "realtime" } },
];

/**
 * Asserts that every recorded server event is a `RealtimeServerEvent` of the `openai` SDK, in the
 * same compiler run that must reject each of `NON_CONFORMING_EVENTS`.
 */
export function expectSdkConformingEvents(recorded: readonly unknown[]): void {
  const complaints = checkServerEventsAgainstSdk([...recorded, ...NON_CONFORMING_EVENTS]);
  const aboutRecorded = complaints
    .filter((c) => c.index < recorded.length)
    .map((c) => ({ event: recorded[c.index], message: c.message }));
  expect(aboutRecorded).toEqual([]);
  const refused = new Set(complaints.map((c) => c.index - recorded.length));
  expect([...refused].sort()).toEqual(NON_CONFORMING_EVENTS.map((_, i) => i));
}
