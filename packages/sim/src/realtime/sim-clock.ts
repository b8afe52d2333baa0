import { setTimeout as sleep } from "node:timers/promises";

/** The time the simulator paces generated audio by. */
export type SimClock = {
  /** Milliseconds on this clock (only differences matter). */
  now(): number;
  /** Resolves `true` after `ms` on this clock, `false` as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
};

/** Wall-clock time: what the demo and the benchmarks use. */
export const wallClock: SimClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    sleep(ms, undefined, { signal }).then(
      () => true,
      () => false,
    ),
};
