import { TWILIO_AUDIO } from "@koe/shared";

export type Truncation = {
  itemId: string;
  /** What the caller heard: how far Twilio's playback had got, never past what was sent. */
  audioEndMs: number;
  /** What had been sent of the item when the caller cut in. */
  sentMs: number;
};

/**
 * A mark goes after the first audio of each item and then after every this much audio: often
 * enough to correct the playback estimate, rarely enough that marks and their echoes (each a
 * WebSocket message both ways) are a fifth of what one per 100 ms delta was.
 */
export const MARK_EVERY_MS = 500;

/**
 * Bookkeeping for barge-in: how much of the assistant's current item was sent to Twilio, and how
 * far Twilio has played it. Twilio plays without pause while it holds audio, so the position is
 * counted on the call's clock (`MediaClock`) from an anchor: where playback was at a known time.
 * A mark Twilio echoes re-anchors it (playback reached the mark just now); audio sent after
 * Twilio's buffer ran dry starts playing when it is sent. When the caller talks over the agent,
 * `interrupt` says what to truncate the item to — what the caller actually heard, to within the
 * clock's precision rather than to the last delta whose mark came back — and from then on the
 * item's late audio is dropped and the marks Twilio echoes because of the `clear` are ignored.
 */
export class PlaybackTracker {
  private readonly clock: () => number;
  private itemId: string | null = null;
  /** Counts items, so that a mark can say which item it ends without holding its id. */
  private item = 0;
  private sentMs = 0;
  /** Playback was at `anchorMs` of the item at `anchorAt` on the call's clock. */
  private anchorMs = 0;
  private anchorAt = 0;
  /** Where the last mark was sent, in ms of the item. */
  private markedMs = 0;
  /**
   * Marks sent and not yet echoed, oldest first: Twilio plays, and echoes, in order. `endsItemId`:
   * the mark after an item's last audio.
   */
  private readonly marks: { name: string; item: number; endMs: number; endsItemId?: string }[] = [];
  private readonly interrupted = new Set<string>();
  private markCount = 0;

  /** `clock`: the call's clock in ms (`MediaClock.now`). */
  constructor(clock: () => number) {
    this.clock = clock;
  }

  /** Whether audio of this item goes to the caller: not once the caller interrupted it. */
  accepts(itemId: string): boolean {
    return !this.interrupted.has(itemId);
  }

  /**
   * Records assistant audio about to be sent (of an item `accepts` takes); returns the mark to
   * send after it, or null when none is due.
   */
  audioSent(itemId: string, bytes: number): string | null {
    const now = this.clock();
    const first = itemId !== this.itemId;
    if (first) {
      this.itemId = itemId;
      this.item++;
      this.sentMs = 0;
    }
    // Twilio has played all it had (or this is a new item): this audio starts playing now.
    if (first || this.playedMs(now) >= this.sentMs) this.anchor(now, this.sentMs);
    this.sentMs += bytes / TWILIO_AUDIO.bytesPerMs;
    if (!first && this.sentMs - this.markedMs < MARK_EVERY_MS) return null;
    this.markedMs = this.sentMs;
    return this.mark();
  }

  /**
   * The item's audio is all sent: the mark to send after it, whose echo says the caller heard it
   * to the end; null when none of it is to play (none was sent, or the caller cut it off).
   */
  audioDone(itemId: string): string | null {
    if (itemId !== this.itemId) return null;
    return this.mark(itemId);
  }

  /**
   * Twilio echoed a mark: playback reached it just now, and passed every mark before it. Returns
   * the item the caller has now heard to the end, if the mark ended one. Unknown marks (echoed by
   * a clear, or again) mean nothing.
   */
  markEchoed(name: string): string | null {
    let index = 0;
    while (index < this.marks.length && this.marks[index]?.name !== name) index++;
    const mark = this.marks[index];
    if (!mark) return null;
    this.marks.splice(0, index + 1);
    if (mark.item === this.item) this.anchor(this.clock(), mark.endMs);
    return mark.endsItemId ?? null;
  }

  /** Assistant audio has been sent that Twilio has not yet played. */
  get isPlaying(): boolean {
    return this.itemId !== null && this.playedMs(this.clock()) < this.sentMs;
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
      audioEndMs: Math.floor(this.playedMs(this.clock())),
      sentMs: this.sentMs,
    };
    this.interrupted.add(this.itemId);
    this.marks.length = 0;
    this.itemId = null;
    this.sentMs = 0;
    return truncation;
  }

  /** How far Twilio has played the current item at `now`: on from the anchor, never past what was sent. */
  private playedMs(now: number): number {
    return Math.min(this.sentMs, this.anchorMs + Math.max(0, now - this.anchorAt));
  }

  private mark(endsItemId?: string): string {
    const name = `a${++this.markCount}`;
    this.marks.push({ name, item: this.item, endMs: this.sentMs, ...(endsItemId ? { endsItemId } : {}) });
    return name;
  }

  private anchor(at: number, ms: number): void {
    this.anchorAt = at;
    this.anchorMs = ms;
  }
}
