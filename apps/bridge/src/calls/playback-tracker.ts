import { TWILIO_AUDIO } from "@koe/shared";

export type Truncation = {
  itemId: string;
  /** What the caller heard: audio Twilio confirmed playing, capped by what was sent. */
  audioEndMs: number;
  /** What had been sent of the item when the caller cut in. */
  sentMs: number;
};

/**
 * Bookkeeping for barge-in: how much of the assistant's current item was sent to Twilio, and how
 * much Twilio confirmed playing (each media message is followed by a mark; Twilio echoes a mark
 * when playback reaches it). When the caller talks over the agent, `interrupt` says what to
 * truncate the item to — what the caller actually heard — and from then on the item's late audio
 * is dropped and the marks Twilio echoes because of the `clear` are ignored.
 */
export class PlaybackTracker {
  private itemId: string | null = null;
  /** Counts items, so that a mark can say which item it ends without holding its id. */
  private item = 0;
  private sentMs = 0;
  private playedMs = 0;
  /**
   * Marks sent and not yet echoed, oldest first: Twilio plays, and echoes, in order, so the echoed
   * mark is nearly always the first. (A Map churned its table on every delete, ten times a second
   * per call, and each new table outlived a young-generation GC: most of what the bridge promoted.)
   */
  private readonly marks: { name: string; item: number; endMs: number }[] = [];
  private readonly interrupted = new Set<string>();
  private markCount = 0;

  /**
   * Records assistant audio about to be sent; returns the mark to send after it, or null when the
   * audio belongs to an item the caller interrupted (drop it).
   */
  audioSent(itemId: string, bytes: number): string | null {
    if (this.interrupted.has(itemId)) return null;
    if (itemId !== this.itemId) {
      this.itemId = itemId;
      this.item++;
      this.sentMs = 0;
      this.playedMs = 0;
    }
    this.sentMs += bytes / TWILIO_AUDIO.bytesPerMs;
    const name = `a${++this.markCount}`;
    this.marks.push({ name, item: this.item, endMs: this.sentMs });
    return name;
  }

  /** Twilio echoed a mark: playback reached it. Unknown marks (echoed by a clear) mean nothing. */
  markEchoed(name: string): void {
    const index = this.marks.findIndex((mark) => mark.name === name);
    const mark = this.marks[index];
    if (!mark) return;
    if (index === 0) this.marks.shift();
    else this.marks.splice(index, 1);
    if (mark.item === this.item) this.playedMs = Math.max(this.playedMs, mark.endMs);
  }

  /** Assistant audio has been sent that Twilio has not yet confirmed playing. */
  get isPlaying(): boolean {
    return this.itemId !== null && this.sentMs > this.playedMs;
  }

  /**
   * The caller talked over the agent: what to truncate to. Null when the agent is not speaking:
   * nothing unplayed, and no response still producing audio (`responseActive`) — the provider
   * streams about as fast as Twilio plays, so Twilio's buffer may be empty mid-sentence.
   */
  interrupt(options: { responseActive: boolean } = { responseActive: false }): Truncation | null {
    if (this.itemId === null || (!this.isPlaying && !options.responseActive)) return null;
    const truncation = {
      itemId: this.itemId,
      audioEndMs: Math.floor(Math.min(this.playedMs, this.sentMs)),
      sentMs: this.sentMs,
    };
    this.interrupted.add(this.itemId);
    this.marks.length = 0;
    this.itemId = null;
    this.sentMs = 0;
    this.playedMs = 0;
    return truncation;
  }
}
