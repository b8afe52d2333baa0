/**
 * When and how often a call reopens its provider session. Full-jitter backoff spreads the calls
 * that lost OpenAI together over the whole wait instead of having them reconnect at one instant,
 * and `slots` caps how many reconnect at once in this process, so a mass outage is no stampede.
 */
export type ReconnectPolicy = {
  /** Attempts after the socket is lost or refused. */
  attempts: number;
  /** Upper bound of the first wait; doubles with each attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** In [0, 1): the jitter source (tests pass a fixed sequence). */
  random(): number;
  sleep(ms: number): Promise<void>;
  slots: ReconnectSlots;
};

/** Full jitter: a uniform wait between 0 and the exponential bound of this attempt (1-based). */
export function backoffDelayMs(policy: ReconnectPolicy, attempt: number): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * bound);
}

/** A counting semaphore: at most `limit` reconnections in flight, the others wait in order. */
export class ReconnectSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.free = limit;
  }

  /** Runs `task` in a slot, waiting for one first if all are taken. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** Reconnections this process runs at once, shared by all its calls. */
const PROCESS_SLOTS = new ReconnectSlots(8);

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  slots: PROCESS_SLOTS,
};
