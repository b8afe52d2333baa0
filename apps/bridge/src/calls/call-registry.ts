import type { RealtimeCall } from "./realtime-call.ts";

/** The realtime calls this process owns, by CallSid: pre-warmed at the webhook, live once streaming. */
export class CallRegistry {
  private readonly calls = new Map<string, RealtimeCall>();
  private accepting = true;
  private emptied: (() => void)[] = [];

  add(call: RealtimeCall): void {
    this.calls.set(call.callSid, call);
  }

  get(callSid: string): RealtimeCall | undefined {
    return this.calls.get(callSid);
  }

  remove(callSid: string): void {
    this.calls.delete(callSid);
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
