import { expect } from "vitest";
import { checkServerEventsAgainstSdk } from "./sdk-type-check.ts";

/** Events the SDK's types must refuse: they prove the check can fail, one kind of mistake each. */
export const NON_CONFORMING_EVENTS = [
  { type: "input_audio_buffer.flushed", event_id: "event_unknown_type" },
  { type: "input_audio_buffer.cleared", event_id: "event_extra_property", item_id: "item_1" },
  { type: "input_audio_buffer.cleared" },
  {
    type: "input_audio_buffer.speech_started",
    event_id: "event_wrong_type",
    item_id: "i",
    audio_start_ms: "0",
  },
];

/**
 * Asserts that every recorded server event is a `RealtimeServerEvent` of the `openai` SDK, in the
 * same compiler run that must reject each of `NON_CONFORMING_EVENTS`.
 */
export function expectSdkConformingEvents(recorded: readonly unknown[]): void {
  const complaints = checkServerEventsAgainstSdk([...recorded, ...NON_CONFORMING_EVENTS]);
  const aboutRecorded = complaints.filter((c) => !NON_CONFORMING_EVENTS.some((e) => isSame(e, c.event)));
  expect(aboutRecorded).toEqual([]);
  for (const event of NON_CONFORMING_EVENTS) {
    expect(
      complaints.some((c) => isSame(event, c.event)),
      JSON.stringify(event),
    ).toBe(true);
  }
}

function isSame(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
