import type { Base64Audio } from "@koe/shared";
import type { BridgeMetrics } from "../http/metrics.ts";
import { PlaybackTracker, type Truncation } from "./playback-tracker.ts";
import type { TelephonyStream } from "./telephony-stream.ts";

/**
 * The agent's voice on the phone line: each audio delta goes to Twilio, with a mark after it now
 * and then, and the call's clock and the marks Twilio echoes tell how much the caller has heard —
 * what a barge-in truncates to.
 */
export class AgentPlayback {
  private readonly clock: () => number;
  private tracker: PlaybackTracker;
  private readonly stream: () => TelephonyStream | null;
  private readonly metrics: BridgeMetrics;
  private readonly admit: (bytes: number) => boolean;
  private readonly onHeard: (itemId: string) => void;

  constructor(deps: {
    /** The call's clock in ms (`MediaClock.now`): Twilio plays in stream time. */
    clock: () => number;
    stream: () => TelephonyStream | null;
    metrics: BridgeMetrics;
    /** Backpressure: whether Twilio is reading fast enough to take this many more bytes. */
    admit(bytes: number): boolean;
    /** The caller heard the item to the end (or there was none of it to hear). */
    onHeard(itemId: string): void;
  }) {
    this.clock = deps.clock;
    this.tracker = new PlaybackTracker(deps.clock);
    this.stream = deps.stream;
    this.metrics = deps.metrics;
    this.admit = deps.admit;
    this.onHeard = deps.onHeard;
  }

  /**
   * Sends one delta of the item to Twilio; false when it was dropped (its item was interrupted, or
   * Twilio is not reading: then the caller never hears it, and the marks say so).
   */
  forward(stream: TelephonyStream, itemId: string, delta: Base64Audio): boolean {
    if (!this.admit(delta.length)) {
      this.metrics.framesDropped.inc({ direction: "out" });
      return false;
    }
    if (!this.tracker.accepts(itemId)) {
      this.metrics.framesDiscarded.inc({ reason: "interrupted" });
      return false;
    }
    stream.sendAudio(delta, this.tracker.audioSent(itemId, Buffer.byteLength(delta, "base64")));
    this.metrics.framesOut.inc();
    return true;
  }

  /**
   * `response.output_audio.done`: a mark follows the item's last audio, and its echo says the
   * caller heard all of it. An item cut off has no end to hear.
   */
  audioDone(itemId: string): void {
    if (!this.tracker.accepts(itemId)) return;
    const stream = this.stream();
    const mark = stream ? this.tracker.audioDone(itemId) : null;
    if (stream && mark) stream.sendMark(mark);
    else this.onHeard(itemId);
  }

  markPlayed(name: string): void {
    const heard = this.tracker.markEchoed(name);
    if (heard) this.onHeard(heard);
  }

  /**
   * The caller talked over the agent: empties Twilio's buffer and says what the item is to be
   * truncated to, or null when the agent was not speaking.
   */
  interrupt(responseActive: boolean): Truncation | null {
    const truncation = this.tracker.interrupt({ responseActive });
    if (truncation) this.stream()?.clear();
    return truncation;
  }

  /** The provider session was lost: what Twilio still holds of its item is cleared, the bookkeeping starts afresh. */
  reset(): void {
    if (this.tracker.isPlaying) this.stream()?.clear();
    this.tracker = new PlaybackTracker(this.clock);
  }
}
