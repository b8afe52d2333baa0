import type { RealtimeCall } from "./realtime-call.ts";

/** The realtime calls this process owns, by CallSid: pre-warmed at the webhook, live once streaming. */
export class CallRegistry {
  private readonly calls = new Map<string, RealtimeCall>();

  add(call: RealtimeCall): void {
    this.calls.set(call.callSid, call);
  }

  get(callSid: string): RealtimeCall | undefined {
    return this.calls.get(callSid);
  }

  remove(callSid: string): void {
    this.calls.delete(callSid);
  }

  get size(): number {
    return this.calls.size;
  }

  all(): RealtimeCall[] {
    return [...this.calls.values()];
  }
}
