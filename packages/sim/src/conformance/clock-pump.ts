import type { ManualClock } from "../testing/manual-clock.ts";

/**
 * Advances the simulator's manual clock a second at a time until `pending` settles: for the
 * stretches of a call where nothing depends on how far a response got (a greeting played to its
 * end, a tool call), while the barge-in keeps the clock still.
 */
export async function advanceUntil<T>(clock: ManualClock, pending: Promise<T>): Promise<T> {
  let settled = false;
  const watched = pending.finally(() => {
    settled = true;
  });
  while (!settled) {
    clock.advance(1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return watched;
}
