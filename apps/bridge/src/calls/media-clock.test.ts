import { describe, expect, it } from "vitest";
import { MediaClock } from "./media-clock.ts";

describe("MediaClock", () => {
  it("stands at 0 until the caller's first frame, then reads the latest frame's timestamp", () => {
    const clock = new MediaClock();
    expect(clock.now()).toBe(0);
    clock.frame(0);
    clock.frame(20);
    expect(clock.now()).toBe(20);
  });

  it("runs at the stream's pace, whatever the wall clock does", () => {
    const clock = new MediaClock();
    for (let frame = 0; frame <= 50; frame++) clock.frame(frame * 20);
    expect(clock.now()).toBe(1_000);
  });

  it("never runs back, and ignores a timestamp that is not a finite number", () => {
    const clock = new MediaClock();
    clock.frame(1_000);
    clock.frame(980);
    clock.frame(Number("9".repeat(400)));
    clock.frame(Number.NaN);
    expect(clock.now()).toBe(1_000);
  });
});
