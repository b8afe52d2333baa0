import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import type { Faults } from "./faults.ts";
import { newId } from "./ids.ts";
import type { Random } from "./seeded-random.ts";
import type { SessionSocket } from "./session-socket.ts";

/**
 * Pairs the API does not order between themselves: [first, second] may arrive as second, first.
 * Audio and its transcript are separate streams; an item is announced to the response and to the
 * conversation independently; rate limits and input transcription are off the response's path.
 */
const UNORDERED: ReadonlyArray<[string, string]> = [
  ["response.output_audio.delta", "response.output_audio_transcript.delta"],
  ["response.output_audio_transcript.delta", "response.output_audio.delta"],
  ["response.output_item.added", "conversation.item.added"],
  ["response.output_item.done", "conversation.item.done"],
  ["rate_limits.updated", "response.output_item.added"],
  ["conversation.item.input_audio_transcription.completed", "response.created"],
  ["conversation.item.input_audio_transcription.delta", "response.created"],
];

/** Optional fields a client must cope with missing (`absent`) or null (the SDK types allow it). */
const OPTIONAL_FIELDS: ReadonlyArray<{ path: string[]; as: "absent" | "null" }> = [
  { path: ["previous_item_id"], as: "null" },
  { path: ["error", "param"], as: "null" },
  { path: ["error", "code"], as: "null" },
  { path: ["error", "event_id"], as: "null" },
  { path: ["response", "usage"], as: "absent" },
  { path: ["response", "status_details"], as: "absent" },
  { path: ["response", "conversation_id"], as: "absent" },
  { path: ["response", "audio"], as: "absent" },
  { path: ["response", "metadata"], as: "null" },
  { path: ["item", "object"], as: "absent" },
  { path: ["item", "status"], as: "absent" },
  { path: ["session", "tracing"], as: "absent" },
];

/** Event types the API may add one day: a client must skip what it does not know. */
const FUTURE_EVENT_TYPES = [
  "session.heartbeat",
  "response.output_audio.timestamps",
  "conversation.summary.updated",
];

/**
 * The way out of a session: stamps each event's `event_id`, records it, and sends it through the
 * session's faults (jitter, reordering, sparse fields, unknown events), chosen by the seeded random.
 */
export class EventOutbox {
  /** Every server event sent, as the client received it. */
  readonly sent: RealtimeServerEvent[] = [];
  private readonly queue: Array<{ frame: string; dueAt: number }> = [];
  private held: RealtimeServerEvent | null = null;
  private timer: NodeJS.Timeout | null = null;

  private readonly socket: SessionSocket;
  private readonly faults: () => Faults;
  private readonly random: Random;

  constructor(socket: SessionSocket, faults: () => Faults, random: Random) {
    this.socket = socket;
    this.faults = faults;
    this.random = random;
  }

  send(body: object): RealtimeServerEvent {
    const faults = this.faults();
    const event = this.sparsen(
      { event_id: newId("event"), ...body } as RealtimeServerEvent,
      faults.sparseFieldsProbability ?? 0,
    );
    const held = this.held;
    if (held) {
      this.held = null;
      const swap = UNORDERED.some(([a, b]) => a === held.type && b === event.type);
      for (const e of swap ? [event, held] : [held, event]) this.enqueue(e, faults);
    } else if (
      this.random.chance(faults.reorderProbability ?? 0) &&
      UNORDERED.some(([a]) => a === event.type)
    ) {
      // Held for an event sent in the same synchronous step; if none is, it goes out in order after all.
      this.held = event;
      queueMicrotask(() => {
        if (this.held !== event) return;
        this.held = null;
        this.enqueue(event, this.faults());
      });
    } else {
      this.enqueue(event, faults);
    }
    return event;
  }

  /** Stops sending what is still queued (the session is over). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.queue.length = 0;
    this.held = null;
  }

  private enqueue(event: RealtimeServerEvent, faults: Faults): void {
    if (this.random.chance(faults.unknownEventProbability ?? 0)) {
      const type = FUTURE_EVENT_TYPES[this.random.int(0, FUTURE_EVENT_TYPES.length - 1)];
      this.schedule(JSON.stringify({ event_id: newId("event"), type }), faults);
    }
    this.sent.push(event);
    this.schedule(JSON.stringify(event), faults);
  }

  /** Sends a frame now, or after a random hold when jitter is on (never before an earlier frame). */
  private schedule(frame: string, faults: Faults): void {
    const jitter = faults.eventJitterMs ?? 0;
    if (jitter <= 0 && this.queue.length === 0) return this.write(frame);
    const last = this.queue.at(-1)?.dueAt ?? 0;
    this.queue.push({ frame, dueAt: Math.max(last, performance.now() + this.random.int(0, jitter)) });
    this.pump();
  }

  private pump(): void {
    if (this.timer) return;
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      const wait = head.dueAt - performance.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.queue.shift();
      this.write(head.frame);
    }
  }

  private write(frame: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame);
  }

  /** The event with one optional field removed or nulled (a copy: bodies share their items). */
  private sparsen(event: RealtimeServerEvent, probability: number): RealtimeServerEvent {
    if (!this.random.chance(probability)) return event;
    const copy = structuredClone(event);
    const present = OPTIONAL_FIELDS.filter(
      ({ path }) => parentOf(copy, path)?.[path.at(-1) ?? ""] !== undefined,
    );
    const field = present[this.random.int(0, present.length - 1)];
    const parent = field && parentOf(copy, field.path);
    if (!field || !parent) return event;
    const key = field.path.at(-1) ?? "";
    if (field.as === "null") parent[key] = null;
    else delete parent[key];
    return copy;
  }
}

function parentOf(event: object, path: string[]): Record<string, unknown> | undefined {
  let node: unknown = event;
  for (const key of path.slice(0, -1)) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === "object" && node !== null ? (node as Record<string, unknown>) : undefined;
}
