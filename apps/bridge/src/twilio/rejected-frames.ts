import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";

/** Log lines allowed per connection, and per process, in each window: garbage must not flood the log. */
const PER_CONNECTION = 3;
const PER_PROCESS = 20;
const WINDOW_MS = 10_000;

/** A token bucket: `capacity` takes per `windowMs`, refilled continuously. */
class LogBudget {
  private readonly capacity: number;
  private readonly now: () => number;
  private tokens: number;
  private at: number;

  constructor(capacity: number, now: () => number) {
    this.capacity = capacity;
    this.now = now;
    this.tokens = capacity;
    this.at = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) * this.capacity) / WINDOW_MS);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export type RejectionReason =
  | "binary"
  | "not_json"
  | "malformed"
  | "before_start"
  | "second_start"
  | "protocol_violation";

/**
 * Counts every frame a media stream could not use (in `/metrics`) and logs only a few: per
 * connection and for the whole process, so a peer sending garbage costs neither disk nor CPU.
 */
export class RejectedFrames {
  private readonly logger: Logger;
  private readonly metrics: BridgeMetrics;
  private readonly now: () => number;
  private readonly process: LogBudget;

  constructor(logger: Logger, metrics: BridgeMetrics, now: () => number = Date.now) {
    this.logger = logger;
    this.metrics = metrics;
    this.now = now;
    this.process = new LogBudget(PER_PROCESS, now);
  }

  /** A recorder for one connection. */
  forConnection(): (reason: RejectionReason, fields?: Record<string, unknown>) => void {
    const connection = new LogBudget(PER_CONNECTION, this.now);
    return (reason, fields = {}) => {
      this.metrics.twilioFramesRejected.inc({ reason });
      if (connection.take() && this.process.take())
        this.logger.warn({ reason, ...fields }, "rejected a frame from Twilio");
    };
  }
}
