import type { SimClock } from "../realtime/sim-clock.ts";

type Sleeper = { at: number; wake: (elapsed: boolean) => void };

/**
 * A simulator clock that moves only when a test calls `advance`: audio due later waits, so how far
 * a response got when something happened does not depend on the machine's speed.
 */
export class ManualClock implements SimClock {
  private time = 0;
  private sleepers: Sleeper[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        resolve(false);
      };
      const sleeper: Sleeper = {
        at: this.time + ms,
        wake: (elapsed) => {
          signal.removeEventListener("abort", onAbort);
          resolve(elapsed);
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Moves time forward by `ms`; whatever was due by then runs (in microtasks, before any I/O). */
  advance(ms: number): void {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.at <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.at > this.time);
    for (const sleeper of due) sleeper.wake(true);
  }
}
