import { describe, expect, it } from "vitest";
import { MediaClock } from "./media-clock.ts";

/** A clock whose wall time the test sets (ms). */
function clocked() {
  const wall = { now: 1_000 };
  return { wall, clock: new MediaClock(() => wall.now) };
}

describe("MediaClock", () => {
  it("stands at 0 until the caller's first frame", () => {
    const { wall, clock } = clocked();
    wall.now += 500;
    expect(clock.now()).toBe(0);
  });

  it("reads the latest frame's timestamp, moved on by the wall time since it came, at most one frame", () => {
    const { wall, clock } = clocked();
    clock.frame(0);
    wall.now += 7;
    expect(clock.now()).toBe(7);
    clock.frame(20);
    expect(clock.now()).toBe(20);
    wall.now += 500; // frames stopped coming: stream time is not guessed past one frame
    expect(clock.now()).toBe(40);
  });

  it("runs at the stream's pace, not the wall's: a simulated call at 4× pace", () => {
    const { wall, clock } = clocked();
    for (let frame = 0; frame <= 50; frame++) {
      clock.frame(frame * 20);
      wall.now += 5;
    }
    expect(clock.now()).toBe(1_005);
  });

  it("never runs back, and ignores a timestamp that is not a finite number", () => {
    const { wall, clock } = clocked();
    clock.frame(1_000);
    wall.now += 10;
    clock.frame(980);
    clock.frame(Number("9".repeat(400)));
    expect(clock.now()).toBe(1_010);
  });
});
