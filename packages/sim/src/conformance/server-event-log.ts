import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";

export type ServerEventOf<T extends RealtimeServerEvent["type"]> = Extract<RealtimeServerEvent, { type: T }>;

/**
 * The server events one client saw, with a way to wait for one. `next` returns the first event of a
 * type since the last `mark()` that no earlier `next` returned, wherever it sits among the others,
 * so a test does not depend on an order the API leaves open (a transcript before or after the
 * response it led to).
 */
export class ServerEventLog {
  readonly events: RealtimeServerEvent[] = [];
  private readonly taken = new Set<RealtimeServerEvent>();
  private since = 0;
  private wakers: Array<() => void> = [];

  /** Later `next` calls look only at events from here on: call it before provoking them. */
  mark(): void {
    this.since = this.events.length;
  }

  push(event: RealtimeServerEvent): void {
    this.events.push(event);
    for (const wake of this.wakers.splice(0)) wake();
  }

  /** Waits generously: the machine may be loaded, and a missing event fails the test anyway. */
  async next<T extends RealtimeServerEvent["type"]>(
    type: T,
    where: (e: ServerEventOf<T>) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<ServerEventOf<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events
        .slice(this.since)
        .find(
          (e): e is ServerEventOf<T> => e.type === type && !this.taken.has(e) && where(e as ServerEventOf<T>),
        );
      if (found) {
        this.taken.add(found);
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${type}; saw ${this.types().join(", ")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wakers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Milliseconds of μ-law audio received for one item. */
  audioMs(itemId: string): number {
    return this.events.reduce(
      (ms, e) =>
        e.type === "response.output_audio.delta" && e.item_id === itemId
          ? ms + Buffer.from(e.delta, "base64").length / 8
          : ms,
      0,
    );
  }

  /** The error events, for asserting that none came unprovoked. */
  errors(): ServerEventOf<"error">[] {
    return this.events.filter((e): e is ServerEventOf<"error"> => e.type === "error");
  }

  private types(): string[] {
    return [...new Set(this.events.map((e) => e.type))];
  }
}
