import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SendBudget } from "./send-budget.ts";

describe("a call's send budget towards one peer", () => {
  let buffered = 0;
  let stalls = 0;
  let budget: SendBudget;
  beforeEach(() => {
    vi.useFakeTimers();
    buffered = 0;
    stalls = 0;
    budget = new SendBudget({
      bufferedBytes: () => buffered,
      onStalled: () => stalls++,
      capBytes: 1_000,
      stallMs: 5_000,
    });
  });
  afterEach(() => {
    budget.stop();
    vi.useRealTimers();
  });

  it("admits what fits under the cap and refuses the rest", () => {
    buffered = 900;
    expect(budget.admit(100)).toBe(true);
    expect(budget.admit(101)).toBe(false);
  });

  it("asks the socket once per half of the room left, and never lets the unsent bytes pass the cap", () => {
    let looks = 0;
    const counted = new SendBudget({
      bufferedBytes: () => {
        looks++;
        return buffered;
      },
      onStalled: () => stalls++,
      capBytes: 100_000,
    });
    let admitted = 0;
    // Each 100-byte payload goes out in a frame of 130 (its JSON and WebSocket header), nothing drains.
    while (counted.admit(100)) {
      admitted++;
      buffered += 130;
      expect(buffered).toBeLessThanOrEqual(100_000 + 30);
    }
    expect(buffered).toBeGreaterThan(100_000 - 100 * 1.3 * 2);
    expect(admitted).toBeGreaterThan(700);
    expect(looks).toBeLessThan(admitted / 20);
    counted.stop();
  });

  it("takes a peer still sitting on a full buffer after the stall time as stalled, once", () => {
    buffered = 1_000;
    expect(budget.admit(10)).toBe(false);
    vi.advanceTimersByTime(4_999);
    expect(budget.admit(10)).toBe(false);
    expect(stalls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(stalls).toBe(1);
  });

  it("lets a peer that drained in the meantime go on", () => {
    buffered = 1_000;
    expect(budget.admit(10)).toBe(false);
    buffered = 100;
    vi.advanceTimersByTime(5_000);
    expect(stalls).toBe(0);
    expect(budget.admit(10)).toBe(true);
  });

  it("forgets the countdown when the call ends", () => {
    buffered = 1_000;
    budget.admit(10);
    budget.stop();
    vi.advanceTimersByTime(10_000);
    expect(stalls).toBe(0);
  });
});
