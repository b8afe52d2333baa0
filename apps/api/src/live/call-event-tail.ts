import type { PrismaClient } from "@koe/db";
import { CALL_EVENT_GAP_TIMEOUT_MS } from "@koe/shared";
import type { Logger } from "../logger.ts";
import { CallEventNotifications } from "./call-event-notifications.ts";
import { type CallEventRow, callEventSelect } from "./call-event-view.ts";
import { WakeUp } from "./wake-up.ts";

export type TailEvent = CallEventRow;

export type CallEventTailOptions = {
  prisma: PrismaClient;
  logger: Logger;
  /** PostgreSQL to LISTEN on for wake-ups; null polls only (PGlite's socket carries no notifications). */
  listenUrl: string | null;
  /** Poll interval without a LISTEN connection. */
  pollIntervalMs?: number;
  /** Poll interval while LISTEN works: only a safety net for a lost notification. */
  listeningPollIntervalMs?: number;
  /**
   * How long a missing id may be an insert still being committed before it is taken as rolled back
   * (writers' inserts are cancelled well before: see CALL_EVENT_GAP_TIMEOUT_MS).
   */
  gapTimeoutMs?: number;
};

export type EventFilter = (event: TailEvent) => boolean;

const PAGE = 1_000;
/** Ids this far below the newest one may still be uncommitted when the tail starts reading. */
const START_WINDOW = 5_000n;
const GAP_RECHECK_MS = 20;

/**
 * Follows the CallEvent log for every live subscription of this process, in id order, with
 * nothing skipped: ids are taken from a sequence before the inserting transaction commits, so
 * id 104 can become visible after 105 (two bridge processes writing at once). The tail delivers
 * an event only when every smaller id has been read, or has stayed missing for `gapTimeoutMs`
 * (a rolled-back insert). One reader per process, however many browsers watch; it reads only
 * while someone subscribes.
 */
export class CallEventTail {
  /** Every event with an id up to here has been delivered. */
  private horizon = 0n;
  /** The largest id read so far. */
  private high = 0n;
  /** Read, but waiting for a smaller id to show up. */
  private readonly held = new Map<bigint, TailEvent>();
  /** Ids below `high` not read yet, with when they were first missed. */
  private readonly missing = new Map<bigint, number>();
  private readonly subscriptions = new Set<TailSubscription>();
  private readonly wakeUp = new WakeUp();
  private readonly notifications: CallEventNotifications | null;
  private looping = false;
  private loopDone: Promise<void> = Promise.resolve();
  private starting: Promise<void> | null = null;
  private stopped = false;
  private readonly options: Required<Omit<CallEventTailOptions, "listenUrl">>;

  constructor(options: CallEventTailOptions) {
    this.options = {
      pollIntervalMs: 100,
      listeningPollIntervalMs: 2_000,
      gapTimeoutMs: CALL_EVENT_GAP_TIMEOUT_MS,
      ...options,
    };
    this.notifications = options.listenUrl
      ? new CallEventNotifications(options.listenUrl, () => this.wakeUp.wake(), options.logger)
      : null;
  }

  /** Opens the LISTEN connection (when there is one). */
  async start(): Promise<void> {
    await this.notifications?.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp.wake();
    await this.loopDone;
    await this.notifications?.close();
  }

  /**
   * Follows the events `filter` accepts. The subscription receives every one with an id above
   * its `from`; events up to `from` are the subscriber's to read from the table (its backfill).
   */
  async subscribe(filter: EventFilter): Promise<TailSubscription> {
    if (!this.looping) {
      this.starting ??= this.catchUp(true).finally(() => {
        this.starting = null;
      });
      await this.starting;
    }
    const subscription = new TailSubscription(this.horizon, filter, () => {
      this.subscriptions.delete(subscription);
    });
    this.subscriptions.add(subscription);
    if (!this.looping) {
      this.looping = true;
      this.loopDone = this.loop();
    }
    return subscription;
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && this.subscriptions.size > 0) {
        const interval = this.missing.size > 0 ? GAP_RECHECK_MS : this.pollInterval();
        await this.wakeUp.wait(interval);
        if (this.stopped) break;
        try {
          await this.catchUp(false);
        } catch (err) {
          this.options.logger.warn({ err }, "reading the call event log failed; retrying");
        }
      }
    } finally {
      // Synchronously after the last check, so a subscriber arriving now starts a new loop.
      this.looping = false;
    }
  }

  private pollInterval(): number {
    return this.notifications?.listening ? this.options.listeningPollIntervalMs : this.options.pollIntervalMs;
  }

  /** Reads what is new and delivers what is settled. From idle, starts a little below the newest id. */
  private async catchUp(fromIdle: boolean): Promise<void> {
    if (fromIdle) {
      const newest = await this.options.prisma.callEvent.aggregate({ _max: { id: true } });
      const start = (newest._max.id ?? 0n) - START_WINDOW;
      this.high = start > this.horizon ? start : this.horizon;
      this.horizon = this.high;
      this.held.clear();
      this.missing.clear();
    }
    for (;;) {
      const rows = await this.read();
      const now = Date.now();
      for (const row of rows) {
        this.missing.delete(row.id);
        for (let id = this.high + 1n; id < row.id; id++) this.missing.set(id, now);
        if (row.id > this.high) this.high = row.id;
        this.held.set(row.id, row);
      }
      if (!fromIdle) this.deliverSettled(now);
      else this.settle(now, () => {});
      if (rows.length < PAGE) return;
    }
  }

  private read(): Promise<TailEvent[]> {
    return this.options.prisma.callEvent.findMany({
      where: {
        OR: [
          { id: { gt: this.high } },
          ...(this.missing.size > 0 ? [{ id: { in: [...this.missing.keys()].slice(0, PAGE) } }] : []),
        ],
      },
      orderBy: { id: "asc" },
      take: PAGE,
      select: callEventSelect,
    });
  }

  private deliverSettled(now: number): void {
    const batches = new Map<TailSubscription, TailEvent[]>();
    this.settle(now, (event) => {
      for (const subscription of this.subscriptions) {
        // One subscriber's filter failing ends that subscription, never the delivery to the others.
        let accepted: boolean;
        try {
          accepted = subscription.accepts(event);
        } catch (error) {
          this.options.logger.error(
            { err: error, eventId: event.id.toString() },
            "a live subscription failed",
          );
          subscription.fail(error);
          continue;
        }
        if (!accepted) continue;
        const batch = batches.get(subscription) ?? [];
        batch.push(event);
        batches.set(subscription, batch);
      }
    });
    for (const [subscription, batch] of batches) subscription.push(batch);
  }

  /** Moves the horizon over every id that was read or has been missing too long. */
  private settle(now: number, deliver: (event: TailEvent) => void): void {
    for (;;) {
      const next = this.horizon + 1n;
      const event = this.held.get(next);
      if (event) {
        this.held.delete(next);
        deliver(event);
      } else {
        const missedAt = this.missing.get(next);
        if (missedAt === undefined || now - missedAt < this.options.gapTimeoutMs) return;
        this.missing.delete(next);
      }
      this.horizon = next;
    }
  }
}

/** One subscriber's view of the tail: batches of accepted events, in id order. */
export class TailSubscription {
  /** The tail had delivered everything up to this id when the subscription began. */
  readonly from: bigint;
  private readonly filter: EventFilter;
  private readonly onClose: () => void;
  private readonly queue: TailEvent[][] = [];
  private readonly wakeUp = new WakeUp();
  private failure: Error | null = null;

  constructor(from: bigint, filter: EventFilter, onClose: () => void) {
    this.from = from;
    this.filter = filter;
    this.onClose = onClose;
  }

  accepts(event: TailEvent): boolean {
    return this.filter(event);
  }

  push(batch: TailEvent[]): void {
    this.queue.push(batch);
    this.wakeUp.wake();
  }

  /** This subscription cannot go on: its reader gets `error` once the batches before it are read. */
  fail(error: unknown): void {
    this.failure = new Error(
      `live updates stopped: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
    this.onClose();
    this.wakeUp.wake();
  }

  /** The batches as they come, until `signal` aborts; throws once the subscription has failed. */
  async *batches(signal: AbortSignal): AsyncGenerator<TailEvent[]> {
    while (!signal.aborted) {
      const batch = this.queue.shift();
      if (!batch && this.failure) throw this.failure;
      if (batch) yield batch;
      else await this.wakeUp.wait(60_000, signal);
    }
  }

  close(): void {
    this.onClose();
  }
}
