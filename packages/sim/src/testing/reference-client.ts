import { once } from "node:events";
import type { RealtimeClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { WebSocket } from "ws";

/**
 * The smallest GA client: typed send, every server event recorded, and a way to wait for one.
 * Used to check the simulator against the protocol without the bridge in between.
 */
export class ReferenceClient {
  readonly events: RealtimeServerEvent[] = [];
  private readonly socket: WebSocket;
  private waiters: Array<{
    match: (e: RealtimeServerEvent) => boolean;
    resolve: (e: RealtimeServerEvent) => void;
  }> = [];
  /** Events before this index have been looked at by `next`. */
  private cursor = 0;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on("message", (data) => {
      const event = JSON.parse(data.toString()) as RealtimeServerEvent;
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(event)) return true;
        this.cursor = this.events.length;
        w.resolve(event);
        return false;
      });
    });
  }

  static async connect(
    url: string,
    options: { model?: string; headers?: Record<string, string> } = {},
  ): Promise<ReferenceClient> {
    const socket = new WebSocket(`${url}?model=${options.model ?? "gpt-realtime-2.1"}`, {
      headers: { Authorization: "Bearer sk-sim-test", ...options.headers },
    });
    const client = new ReferenceClient(socket);
    await once(socket, "open");
    return client;
  }

  send(event: RealtimeClientEvent): void {
    this.sendRaw(JSON.stringify(event));
  }

  /** Any text frame, well-formed or not (robustness tests). */
  sendRaw(frame: string): void {
    this.socket.send(frame);
  }

  /** The next event of this type after the one `next` last returned, optionally matching a predicate. */
  next<T extends RealtimeServerEvent["type"]>(
    type: T,
    where: (e: Extract<RealtimeServerEvent, { type: T }>) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Extract<RealtimeServerEvent, { type: T }>> {
    type E = Extract<RealtimeServerEvent, { type: T }>;
    const matches = (e: RealtimeServerEvent): e is E => e.type === type && where(e as E);
    const index = this.events.findIndex((e, i) => i >= this.cursor && matches(e));
    const found = this.events[index];
    if (found && matches(found)) {
      this.cursor = index + 1;
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
      this.waiters.push({
        match: matches,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as E);
        },
      });
    });
  }

  /** Sends μ-law audio as 20 ms appends, as a telephony bridge would (without real-time pacing). */
  appendAudio(mulaw: Buffer): void {
    for (let i = 0; i < mulaw.length; i += 160) {
      this.send({ type: "input_audio_buffer.append", audio: mulaw.subarray(i, i + 160).toString("base64") });
    }
  }

  /** The event types received so far; within a run of deltas, each delta type is listed once. */
  eventOrder(from = 0): string[] {
    const order: string[] = [];
    let deltasInRun = new Set<string>();
    for (const { type } of this.events.slice(from)) {
      if (!type.endsWith(".delta")) {
        deltasInRun = new Set();
        order.push(type);
      } else if (!deltasInRun.has(type)) {
        deltasInRun.add(type);
        order.push(type);
      }
    }
    return order;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await once(this.socket, "close");
  }

  get closed(): Promise<{ code: number; reason: string }> {
    return once(this.socket, "close").then(([code, reason]) => ({
      code: Number(code),
      reason: String(reason),
    }));
  }
}
