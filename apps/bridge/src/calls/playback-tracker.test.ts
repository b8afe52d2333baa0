import { describe, expect, it } from "vitest";
import { MARK_EVERY_MS, PlaybackTracker } from "./playback-tracker.ts";

const ms = (n: number) => n * 8; // μ-law bytes for n milliseconds

/** A tracker on a call clock the test sets (ms of stream time). */
function tracked() {
  const clock = { now: 0 };
  return { clock, tracker: new PlaybackTracker(() => clock.now) };
}

describe("PlaybackTracker", () => {
  it("counts playback on the call's clock: a barge-in 60 ms into the second delta truncates to 160 ms", () => {
    const { clock, tracker } = tracked();
    const first = tracker.audioSent("item_1", ms(100));
    clock.now = 100;
    tracker.markEchoed(first ?? "");
    tracker.audioSent("item_1", ms(100));
    clock.now = 160;
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 160, sentMs: 200 });
  });

  it("marks the first audio of an item, then every MARK_EVERY_MS of audio", () => {
    const { tracker } = tracked();
    const marked = Array.from({ length: 12 }, () => tracker.audioSent("item_1", ms(100)) !== null);
    const every = MARK_EVERY_MS / 100;
    expect(marked).toEqual(marked.map((_, i) => i % every === 0));
    expect(tracker.audioSent("item_2", ms(100))).not.toBeNull();
  });

  it("re-anchors on an echoed mark: playback that started late is counted from the echo", () => {
    const { clock, tracker } = tracked();
    const first = tracker.audioSent("item_1", ms(100));
    tracker.audioSent("item_1", ms(300));
    clock.now = 150; // Twilio began 50 ms after the audio was sent
    tracker.markEchoed(first ?? "");
    clock.now = 250;
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 200, sentMs: 400 });
  });

  it("starts audio sent after Twilio's buffer ran dry when it is sent, not when the buffer ran dry", () => {
    const { clock, tracker } = tracked();
    tracker.audioSent("item_1", ms(100));
    clock.now = 300;
    expect(tracker.isPlaying).toBe(false);
    tracker.audioSent("item_1", ms(100));
    expect(tracker.isPlaying).toBe(true);
    clock.now = 350;
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 150, sentMs: 200 });
  });

  it("counts only what the marks confirm while the call's clock stands still", () => {
    const { tracker } = tracked();
    const first = tracker.audioSent("item_1", ms(100));
    for (let i = 0; i < 6; i++) tracker.audioSent("item_1", ms(100));
    tracker.markEchoed(first ?? "");
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 100, sentMs: 700 });
  });

  it("does not interrupt when all audio has played and the response is over", () => {
    const { clock, tracker } = tracked();
    tracker.audioSent("item_1", ms(300));
    clock.now = 300;
    expect(tracker.isPlaying).toBe(false);
    expect(tracker.interrupt({ responseActive: false })).toBeNull();
  });

  it("interrupts a response still streaming even when Twilio's buffer has just run dry", () => {
    const { clock, tracker } = tracked();
    tracker.audioSent("item_1", ms(300));
    clock.now = 400;
    expect(tracker.interrupt({ responseActive: true })).toEqual({
      itemId: "item_1",
      audioEndMs: 300,
      sentMs: 300,
    });
  });

  it("ignores the marks Twilio echoes because of a clear, and drops the interrupted item's late audio", () => {
    const { clock, tracker } = tracked();
    const first = tracker.audioSent("item_1", ms(100));
    clock.now = 50;
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 50, sentMs: 100 });
    expect(tracker.accepts("item_1")).toBe(false);
    const next = tracker.audioSent("item_2", ms(400));
    tracker.markEchoed(first ?? ""); // echoed by the clear: not played, and of the old item
    clock.now = 150;
    expect(tracker.interrupt()).toEqual({ itemId: "item_2", audioEndMs: 100, sentMs: 400 });
    expect(next).not.toBeNull();
  });

  it("takes an echo as passing every earlier mark, and ignores echoes repeated or never sent", () => {
    const { tracker } = tracked();
    const marks = Array.from({ length: 11 }, () => tracker.audioSent("item_1", ms(100))).filter(
      (mark) => mark !== null,
    );
    expect(marks).toHaveLength(3);
    tracker.markEchoed(marks[1] ?? "");
    tracker.markEchoed(marks[0] ?? "");
    tracker.markEchoed(marks[1] ?? "");
    tracker.markEchoed("a-mark-never-sent");
    expect(tracker.interrupt()).toEqual({ itemId: "item_1", audioEndMs: 600, sentMs: 1100 });
  });

  it("says when the caller has heard an item to the end: the echo of the mark after its last audio", () => {
    const { clock, tracker } = tracked();
    const first = tracker.audioSent("item_1", ms(100));
    tracker.audioSent("item_1", ms(100));
    const end = tracker.audioDone("item_1");
    expect(end).not.toBeNull();
    clock.now = 100;
    expect(tracker.markEchoed(first ?? "")).toBeNull();
    clock.now = 200;
    expect(tracker.markEchoed(end ?? "")).toBe("item_1");
    expect(tracker.markEchoed(end ?? "")).toBeNull();
  });

  it("has no end to play for an item it never sent, nor for one the caller cut off", () => {
    const { tracker } = tracked();
    expect(tracker.audioDone("item_0")).toBeNull();
    tracker.audioSent("item_1", ms(300));
    tracker.interrupt();
    expect(tracker.audioDone("item_1")).toBeNull();
    tracker.audioSent("item_2", ms(300));
    const end = tracker.audioDone("item_2");
    tracker.interrupt();
    expect(tracker.markEchoed(end ?? "")).toBeNull();
  });

  it("starts counting afresh for the next item", () => {
    const { clock, tracker } = tracked();
    tracker.audioSent("item_1", ms(500));
    clock.now = 500;
    tracker.audioSent("item_2", ms(100));
    clock.now = 520;
    tracker.audioSent("item_2", ms(100));
    clock.now = 650;
    expect(tracker.interrupt()).toEqual({ itemId: "item_2", audioEndMs: 150, sentMs: 200 });
  });
});
