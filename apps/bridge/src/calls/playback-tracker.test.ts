import { describe, expect, it } from "vitest";
import { PlaybackTracker } from "./playback-tracker.ts";

const ms = (n: number) => n * 8; // μ-law bytes for n milliseconds

describe("PlaybackTracker", () => {
  it("truncates to what Twilio confirmed playing, not to what was sent", () => {
    const tracker = new PlaybackTracker();
    const m1 = tracker.audioSent("item_1", ms(200));
    const m2 = tracker.audioSent("item_1", ms(200));
    tracker.audioSent("item_1", ms(200));
    expect(tracker.isPlaying).toBe(true);
    tracker.markEchoed(m1 ?? "");
    tracker.markEchoed(m2 ?? "");
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 400, sentMs: 600 });
  });

  it("truncates to 0 when nothing was confirmed yet", () => {
    const tracker = new PlaybackTracker();
    tracker.audioSent("item_1", ms(300));
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 0, sentMs: 300 });
  });

  it("does not interrupt when all audio has played and the response is over", () => {
    const tracker = new PlaybackTracker();
    const mark = tracker.audioSent("item_1", ms(300));
    tracker.markEchoed(mark ?? "");
    expect(tracker.isPlaying).toBe(false);
    expect(tracker.interrupt({ responseActive: false })).toBeNull();
  });

  it("interrupts a response still streaming even when Twilio's buffer has just run dry", () => {
    const tracker = new PlaybackTracker();
    const mark = tracker.audioSent("item_1", ms(300));
    tracker.markEchoed(mark ?? "");
    expect(tracker.interrupt({ responseActive: true })).toEqual({
      itemId: "item_1",
      audioEndMs: 300,
      sentMs: 300,
    });
  });

  it("ignores the marks Twilio echoes because of a clear, and drops the interrupted item's late audio", () => {
    const tracker = new PlaybackTracker();
    const m1 = tracker.audioSent("item_1", ms(100));
    const m2 = tracker.audioSent("item_1", ms(100));
    tracker.markEchoed(m1 ?? "");
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 100, sentMs: 200 });
    tracker.markEchoed(m2 ?? ""); // echoed by the clear: not played
    expect(tracker.audioSent("item_1", ms(100))).toBeNull();
    expect(tracker.isPlaying).toBe(false);
  });

  it("takes marks echoed out of order, each once", () => {
    const tracker = new PlaybackTracker();
    const m1 = tracker.audioSent("item_1", ms(100));
    const m2 = tracker.audioSent("item_1", ms(100));
    tracker.audioSent("item_1", ms(100));
    tracker.markEchoed(m2 ?? "");
    tracker.markEchoed(m1 ?? "");
    tracker.markEchoed(m2 ?? "");
    tracker.markEchoed("a-mark-never-sent");
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 200, sentMs: 300 });
  });

  it("starts counting afresh for the next item", () => {
    const tracker = new PlaybackTracker();
    const old = tracker.audioSent("item_1", ms(500));
    tracker.markEchoed(old ?? "");
    tracker.audioSent("item_2", ms(100));
    const next = tracker.audioSent("item_2", ms(100));
    tracker.markEchoed(next ?? "");
    tracker.audioSent("item_2", ms(100));
    expect(tracker.interrupt()).toEqual({ itemId: "item_2", audioEndMs: 200, sentMs: 300 });
  });
});
