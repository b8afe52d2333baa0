import type { TranscriptLine } from "./transcript-order.ts";

type Pending = { text?: string; heardShare?: number; truncated?: boolean };

/**
 * The agent's lines as the caller heard them. The API sends a line's audio and transcript faster
 * than Twilio plays them, so a line is known before the caller has heard it, and may still be cut
 * off. Each line waits for its playback's outcome: heard to the end (Twilio echoed the mark after
 * its last audio), it goes out whole; cut off by the caller, it goes out cut to the share of its
 * audio the caller heard. When playback stops for good (the call's stream or the session ended),
 * the lines still waiting go out as written.
 */
export class HeardAgentLines {
  private readonly onLine: (line: TranscriptLine) => void;
  private readonly pending = new Map<string, Pending>();
  /** Items whose line went out: a later outcome (a cut after the end was heard) changes nothing. */
  private readonly settled = new Set<string>();
  private playbackOver = false;

  constructor(onLine: (line: TranscriptLine) => void) {
    this.onLine = onLine;
  }

  /** `response.output_audio_transcript.done`: the item's line as the API wrote it. */
  written(itemId: string, text: string): void {
    this.update(itemId, { text });
  }

  /** The caller heard the item's audio to the end. */
  played(itemId: string): void {
    this.update(itemId, { heardShare: 1, truncated: false });
  }

  /** The caller cut the item off after hearing `heardShare` (0…1) of the audio sent. */
  cut(itemId: string, heardShare: number): void {
    this.update(itemId, { heardShare, truncated: true });
  }

  /** Nothing more of the lines waiting will play (the session was lost): they go out as written. */
  release(): void {
    for (const [itemId, { text }] of this.pending) {
      if (text !== undefined) this.send(itemId, text, 1, false);
    }
  }

  /** The call's playback is over: the lines waiting go out, and later ones as they arrive. */
  close(): void {
    this.playbackOver = true;
    this.release();
  }

  private update(itemId: string, news: Pending): void {
    if (this.settled.has(itemId)) return;
    // The first outcome stands: a cut after the end was heard changes nothing.
    const line = { ...news, ...this.pending.get(itemId) };
    const heardShare = line.heardShare ?? (this.playbackOver ? 1 : undefined);
    if (line.text === undefined || heardShare === undefined) {
      this.pending.set(itemId, line);
      return;
    }
    this.send(itemId, line.text, heardShare, line.truncated ?? false);
  }

  private send(itemId: string, written: string, heardShare: number, truncated: boolean): void {
    this.pending.delete(itemId);
    this.settled.add(itemId);
    const chars = [...written];
    const text = heardShare >= 1 ? written : chars.slice(0, Math.round(chars.length * heardShare)).join("");
    this.onLine({ role: "agent", text, itemId, truncated });
  }
}
