export type TranscriptLine = {
  role: "caller" | "agent" | "tool";
  text: string;
  /** The conversation item (a tool line: the tool call's id). */
  itemId: string;
  truncated: boolean;
};

type Slot = { itemId: string; role: TranscriptLine["role"]; line: TranscriptLine | null };

export type TranscriptOrderDeps = {
  /** Longest a known line waits for an earlier one still being transcribed. */
  holdMs: number;
  /** Each line once, in conversation order. */
  onLine(line: TranscriptLine): void;
};

/**
 * The call's lines in conversation order rather than in the order their texts arrive: the API
 * transcribes the caller asynchronously, often after the agent has answered. Each item takes its
 * place when it joins the conversation (`place`) and its line goes out once every line before it
 * is out. A line awaited for `holdMs` while later ones wait is passed over, so the call's history
 * and live view never stall; it goes out when it comes.
 */
export class TranscriptOrder {
  private readonly deps: TranscriptOrderDeps;
  private slots: Slot[] = [];
  /** Items passed over (held too long, or the call's session moved on): their lines go out on arrival. */
  private readonly passed = new Set<string>();
  private holdTimer: NodeJS.Timeout | null = null;

  constructor(deps: TranscriptOrderDeps) {
    this.deps = deps;
  }

  /** An item joined the conversation: right after `previousItemId` when that one is still awaited, else last. */
  place(itemId: string, role: Slot["role"], previousItemId?: string | null): void {
    if (this.passed.has(itemId) || this.slots.some((slot) => slot.itemId === itemId)) return;
    const after = previousItemId ? this.slots.findIndex((slot) => slot.itemId === previousItemId) : -1;
    this.slots.splice(after >= 0 ? after + 1 : this.slots.length, 0, { itemId, role, line: null });
  }

  /** An item's line is known (an item never placed goes last). */
  fill(line: TranscriptLine): void {
    if (this.passed.delete(line.itemId)) return this.deps.onLine(line);
    const slot = this.slots.find((s) => s.itemId === line.itemId);
    if (slot) slot.line = line;
    else this.slots.push({ itemId: line.itemId, role: line.role, line });
    this.release();
  }

  /** An item that will have no line (its transcription failed). */
  forget(itemId: string): void {
    this.passed.delete(itemId);
    this.slots = this.slots.filter((slot) => slot.itemId !== itemId);
    this.release();
  }

  /** Whether a placed line is still to come (a caller's transcription, the end of an agent's). */
  get awaiting(): boolean {
    return this.slots.some((slot) => !slot.line);
  }

  /** Sends out every known line; the ones still awaited go out whenever they arrive. */
  flush(): void {
    this.stopHold();
    for (const slot of this.slots.splice(0)) {
      if (slot.line) this.deps.onLine(slot.line);
      else this.passed.add(slot.itemId);
    }
  }

  private release(): void {
    while (this.slots[0]?.line) {
      const { line } = this.slots.shift() as Slot & { line: TranscriptLine };
      this.deps.onLine(line);
    }
    if (!this.slots.some((slot) => slot.line)) return this.stopHold();
    // Restarted only when the awaited head changes: a line is held `holdMs` at most per earlier line.
    this.holdTimer ??= setTimeout(() => {
      this.holdTimer = null;
      const head = this.slots.shift();
      if (head) this.passed.add(head.itemId);
      this.release();
    }, this.deps.holdMs);
    this.holdTimer.unref();
  }

  private stopHold(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }
}
