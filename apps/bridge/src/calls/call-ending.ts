import type { CallEndReason } from "@koe/db";
import type { CallRowChange } from "../events/call-row-updates.ts";

/** The call row's final state for a call that ended with `reason`. */
export function endedCallRow(reason: CallEndReason, startedAt: number): CallRowChange {
  const endedAt = new Date();
  return {
    status: reason === "bridge_restarted" ? "interrupted" : reason === "canceled" ? "canceled" : "completed",
    endedAt,
    endReason: reason,
    durationSeconds: Math.round((endedAt.getTime() - startedAt) / 1000),
  };
}

export type HangUpGraceDeps = {
  /** Longest the provider stays open after the end. */
  graceMs: number;
  /** Whether a line of the call is still to come. */
  awaiting(): boolean;
  /** Closes the provider for good; runs once. */
  close(): void;
};

/**
 * The moment between a call's end and the provider's close: the API transcribes the caller's last
 * turn a little after it was committed, often after the hang-up (and the agent's last transcript
 * may trail its audio). The provider stays open while such a line is awaited, `graceMs` at most,
 * so the line still reaches the call's history.
 */
export class HangUpGrace {
  private readonly deps: HangUpGraceDeps;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  /** Closes at once unless `wait` and a line is awaited. */
  constructor(deps: HangUpGraceDeps, wait: boolean) {
    this.deps = deps;
    if (!wait || !deps.awaiting()) {
      this.close();
      return;
    }
    this.timer = setTimeout(() => this.close(), deps.graceMs);
    this.timer.unref();
  }

  /** A line arrived (or its transcription failed) during the grace. */
  settled(): void {
    if (!this.deps.awaiting()) this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.deps.close();
  }
}
