/**
 * Turn latency: first assistant audio forwarded to Twilio minus the
 * `input_audio_buffer.speech_stopped` that ended the caller's turn, both as the bridge saw them.
 */
export class TurnLatency {
  private speechStoppedAt: number | null = null;
  private turns = 0;

  speechStopped(now = performance.now()): void {
    this.speechStoppedAt = now;
  }

  /** Audio was forwarded; the turn's latency when this is the first audio since speech stopped. */
  audioForwarded(now = performance.now()): { turn: number; latencyMs: number } | null {
    if (this.speechStoppedAt === null) return null;
    const latencyMs = Math.round((now - this.speechStoppedAt) * 10) / 10;
    this.speechStoppedAt = null;
    return { turn: ++this.turns, latencyMs };
  }
}
