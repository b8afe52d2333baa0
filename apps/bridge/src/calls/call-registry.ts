import type { RealtimeCall } from "./realtime-call.ts";

/** How long an ended call is still found by its CallSid: its stream may arrive after it ended. */
const ENDED_KEPT_MS = 60_000;

/**
 * The realtime calls this process owns, by CallSid: pre-warmed at the webhook, live once
 * streaming. A call that ended (e.g. OpenAI refused it before Twilio's stream arrived) is still
 * found for a minute, so its late stream or a repeated webhook meets the ended call, which closes
 * the stream, instead of opening a second provider session for it.
 */
export class CallRegistry {
  private readonly calls = new Map<string, RealtimeCall>();
  private readonly ended = new Map<string, RealtimeCall>();
  private accepting = true;
  private emptied: (() => void)[] = [];

  add(call: RealtimeCall): void {
    this.calls.set(call.callSid, call);
  }

  get(callSid: string): RealtimeCall | undefined {
    return this.calls.get(callSid) ?? this.ended.get(callSid);
  }

  /** Live: registered and not ended (an ended call is still found by `get` for a minute). */
  isLive(callSid: string): boolean {
    return this.calls.has(callSid);
  }

  remove(callSid: string): void {
    const call = this.calls.get(callSid);
    this.calls.delete(callSid);
    if (call) {
      this.ended.set(callSid, call);
      setTimeout(() => this.ended.delete(callSid), ENDED_KEPT_MS).unref();
    }
    if (this.calls.size === 0) for (const resolve of this.emptied.splice(0)) resolve();
  }

  get size(): number {
    return this.calls.size;
  }

  all(): RealtimeCall[] {
    return [...this.calls.values()];
  }

  /** The process is draining: new calls go elsewhere; the live ones run on. */
  stopAccepting(): void {
    this.accepting = false;
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  /** Resolves once no call is left. */
  whenEmpty(): Promise<void> {
    if (this.calls.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.emptied.push(resolve));
  }
}
