import { describe, expect, it } from "vitest";
import { synthesizeSilence, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { ServerVad, type VadEvent } from "./server-vad.ts";

const config = { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 };

/** Plays segments through the VAD in 20 ms frames, as Twilio sends them, and returns its events. */
function run(vad: ServerVad, segments: Buffer[]): VadEvent[] {
  const audio = Buffer.concat(segments);
  const events: VadEvent[] = [];
  for (let i = 0; i < audio.length; i += 160) events.push(...vad.push(audio.subarray(i, i + 160)));
  return events;
}

describe("server VAD", () => {
  it("places speech_started and speech_stopped within ±40 ms of the truth", () => {
    // Truth: speech from 1000 to 2600 ms and from 4100 to 4900 ms.
    const events = run(new ServerVad(config), [
      synthesizeSilence(1000),
      synthesizeSpeech(1600, 3),
      synthesizeSilence(1500),
      synthesizeSpeech(800, 5),
      synthesizeSilence(1000),
    ]);
    expect(events.map((e) => e.type)).toEqual([
      "speech_started",
      "speech_stopped",
      "speech_started",
      "speech_stopped",
    ]);
    const [start1, stop1, start2, stop2] = events.map((e) =>
      e.type === "speech_started" ? e.audioStartMs : e.audioEndMs,
    );
    expect(Math.abs((start1 ?? 0) - (1000 - 300))).toBeLessThanOrEqual(40);
    expect(Math.abs((stop1 ?? 0) - (2600 + 500))).toBeLessThanOrEqual(40);
    expect(Math.abs((start2 ?? 0) - (4100 - 300))).toBeLessThanOrEqual(40);
    expect(Math.abs((stop2 ?? 0) - (4900 + 500))).toBeLessThanOrEqual(40);
  });

  it("bridges pauses shorter than the silence duration", () => {
    const events = run(new ServerVad(config), [
      synthesizeSpeech(700),
      synthesizeSilence(300),
      synthesizeSpeech(700),
      synthesizeSilence(800),
    ]);
    expect(events.map((e) => e.type)).toEqual(["speech_started", "speech_stopped"]);
  });

  it("ignores line noise, and a high threshold ignores quiet speech", () => {
    expect(run(new ServerVad(config), [synthesizeSilence(3000)])).toEqual([]);
    const quiet = synthesizeSpeech(1000).map((b) => b | 0x70); // pull every sample towards zero
    expect(run(new ServerVad({ ...config, threshold: 0.95 }), [Buffer.from(quiet)])).toEqual([]);
  });

  it("clamps the padded start at the beginning of the session", () => {
    const [first] = run(new ServerVad(config), [synthesizeSpeech(500), synthesizeSilence(600)]);
    expect(first).toEqual({ type: "speech_started", audioStartMs: 0 });
  });
});
