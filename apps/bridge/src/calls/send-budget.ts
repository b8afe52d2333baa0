/** Most bytes a call leaves unsent towards one peer: about 30 s of μ-law audio as base64 JSON frames. */
export const SEND_CAP_BYTES = 512 * 1024;
/** How long a peer may sit on a full buffer before the call is ended as stalled. */
export const STALL_MS = 5_000;

export type SendBudgetOptions = {
  /** Bytes handed to the socket and not yet written to the network. */
  bufferedBytes(): number;
  /** The peer has not drained the buffer for `stallMs`: the call cannot go on. */
  onStalled(): void;
  capBytes?: number;
  stallMs?: number;
};

/**
 * Backpressure towards one peer of a call. Audio is sent only while the peer's unsent bytes stay
 * under the cap; past it, frames are dropped (the caller of `admit` counts them) rather than
 * queued, so a peer that stops reading costs no memory. Stuck above half the cap for `stallMs`
 * (checked once, when the countdown ends), the peer is taken as stalled.
 */
export class SendBudget {
  private readonly options: Required<SendBudgetOptions>;
  private countdown: NodeJS.Timeout | null = null;
  /**
   * What may still be admitted without asking the socket again: half the room under the cap at
   * the last look, less what was admitted since. Between two looks the unsent bytes grow by what
   * was admitted, its frames' JSON and headers (well under as much again) and the odd event, and
   * a drain only lowers them, so the cap holds while the socket is asked once in hundreds of
   * frames instead of once per frame (a few per cent of the bridge's CPU per frame).
   */
  private headroom = 0;

  constructor(options: SendBudgetOptions) {
    this.options = { capBytes: SEND_CAP_BYTES, stallMs: STALL_MS, ...options };
  }

  /** Whether `bytes` more may go to the peer now; when not, the stall countdown runs. */
  admit(bytes: number): boolean {
    if (bytes > this.headroom) {
      const room = this.options.capBytes - this.options.bufferedBytes();
      if (bytes > room) return this.refuse();
      this.headroom = Math.max(room / 2, bytes);
    }
    this.headroom -= bytes;
    return true;
  }

  stop(): void {
    if (this.countdown) clearTimeout(this.countdown);
    this.countdown = null;
  }

  private refuse(): false {
    this.countdown ??= setTimeout(() => {
      this.countdown = null;
      if (this.options.bufferedBytes() > this.options.capBytes / 2) this.options.onStalled();
    }, this.options.stallMs);
    this.countdown.unref();
    return false;
  }
}
