import { TWILIO_AUDIO } from "@koe/shared";

/**
 * The call's own clock, in ms of stream time: the `timestamp` of the caller's latest media frame
 * (Twilio sends one every 20 ms for the whole call), moved on by the time since it arrived, at
 * most one frame. Playback is counted on it rather than on the bridge's clock because Twilio
 * plays the agent's audio in stream time: a simulated call run faster than real time plays faster
 * too. Before the first frame it stands still, so nothing is counted as played that a mark has
 * not confirmed.
 */
export class MediaClock {
  private timestampMs = 0;
  private receivedAt: number | null = null;
  private readonly wallClock: () => number;

  constructor(wallClock: () => number = () => performance.now()) {
    this.wallClock = wallClock;
  }

  /** A caller frame arrived, stamped `timestampMs` into the stream. */
  frame(timestampMs: number): void {
    // Stream time never runs back (a frame out of order cannot undo playback), nor leaves the numbers.
    if (!Number.isFinite(timestampMs) || (this.receivedAt !== null && timestampMs <= this.timestampMs))
      return;
    this.timestampMs = timestampMs;
    this.receivedAt = this.wallClock();
  }

  now(): number {
    if (this.receivedAt === null) return 0;
    return this.timestampMs + Math.min(TWILIO_AUDIO.frameMs, this.wallClock() - this.receivedAt);
  }
}
