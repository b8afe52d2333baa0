/**
 * The call's own clock, in ms of stream time: the `timestamp` of the caller's latest media frame
 * (Twilio sends one every 20 ms for the whole call), so it moves in 20 ms steps. Playback is
 * counted on it rather than on the bridge's clock because Twilio plays the agent's audio in stream
 * time: a simulated call run faster than real time plays faster too. It costs one comparison per
 * frame (reading the bridge's clock fifty times a second per call cost more than the marks it
 * saved). Before the first frame it stands at 0, so nothing counts as played that a mark has not
 * confirmed.
 */
export class MediaClock {
  private timestampMs = 0;

  /** A caller frame arrived, stamped `timestampMs` into the stream. */
  frame(timestampMs: number): void {
    // Stream time never runs back (a frame out of order cannot undo playback), nor leaves the numbers.
    if (timestampMs > this.timestampMs && Number.isFinite(timestampMs)) this.timestampMs = timestampMs;
  }

  now(): number {
    return this.timestampMs;
  }
}
