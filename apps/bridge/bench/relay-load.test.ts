import { setTimeout as sleep } from "node:timers/promises";
import { stampClock } from "@koe/sim";
import { describe, expect, it } from "vitest";
import { LoadStats, resumedStart } from "./relay-load.ts";

describe("the bench's load", () => {
  it("takes the latency of every frame sent in a window, also when it arrives after the window closed", async () => {
    const stats = new LoadStats();
    const before = stampClock();
    await sleep(5);
    stats.openWindow();
    const inWindow = stampClock();
    await sleep(5);
    stats.closeWindow();
    await sleep(5);
    const between = stampClock();
    // Node's timers count whole milliseconds of the loop's clock: two 5 ms sleeps may take under 10.
    const elapsed = stampClock() - inWindow;
    stats.arrived(stats.inbound, inWindow);
    stats.arrived(stats.inbound, before);
    stats.arrived(stats.inbound, between);
    stats.arrived(stats.inbound, null);
    expect(stats.inbound.received).toBe(4);
    // Arrived while no window was open: relayed in none, but the first was sent in one.
    expect(stats.inbound.inWindow).toBe(0);
    expect(stats.inbound.latenciesMs).toHaveLength(1);
    expect(stats.inbound.latenciesMs[0]).toBeGreaterThanOrEqual(elapsed);
  });

  it("resumes a paced sender in its own phase, with its next frame due within a period", () => {
    // Started at 3, sent 10 frames of 20 ms: the 11th was due at 203; resumed at 1,000.
    const start = resumedStart(3, 10, 20, 1_000);
    const nextDue = start + 10 * 20;
    expect((nextDue - 3) % 20).toBe(0);
    expect(nextDue).toBeGreaterThanOrEqual(1_000);
    expect(nextDue).toBeLessThan(1_020);
    // Not yet due: nothing moves.
    expect(resumedStart(3, 10, 20, 150)).toBe(3);
  });
});
