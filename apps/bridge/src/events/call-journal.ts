import { randomUUID } from "node:crypto";
import { type CallEventType, LIVE_CALL_STATUSES, type Prisma, type PrismaClient } from "@koe/db";
import {
  CALL_EVENT_INSERT_TIMEOUT_MS,
  type CallEventKind,
  type CallEventPayload,
  parseCallEventPayload,
} from "@koe/shared";
import type { Logger } from "../logger.ts";
import { assertCallRowChange, type CallRowChange, updateCallRows } from "./call-row-updates.ts";

type QueuedEvent = Prisma.CallEventCreateManyInput;
type QueuedRowChange = { always?: CallRowChange; whileLive?: CallRowChange };

/**
 * Statuses written only to a row still live: a late stream must not reopen a finished call, and a
 * pre-warmed call given up must not turn a finished one into "canceled". A call's own end still
 * lands after a Twilio status callback wrote its generic ending in between.
 */
const ONLY_WHILE_LIVE: unknown[] = [...LIVE_CALL_STATUSES, "canceled"];

export type CallJournalOptions = {
  flushIntervalMs?: number;
  maxBatch?: number;
  /** Longest wait between retries while the database is unreachable. */
  maxRetryDelayMs?: number;
};

/**
 * Everything the calls of this process write to the database, off the audio path: events are
 * appended to a queue and inserted in batches, call-row updates are merged per call. When the
 * database is down, nothing is dropped: the queue keeps its order and is retried with backoff.
 * An event the database refuses as invalid is dropped alone, logged and counted: it must not
 * hold back the events of every call behind it.
 */
export class CallJournal {
  private events: QueuedEvent[] = [];
  /**
   * Row changes per call, merged: `whileLive` holds a live-only status (ONLY_WHILE_LIVE) with the
   * fields queued beside it, `always` everything else. Kept apart, so a change queued after a
   * live-only status (a handoff after the answer) is not lost with it when the call ended first.
   */
  private updates = new Map<string, QueuedRowChange>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private failures = 0;
  private readonly prisma: PrismaClient;
  private readonly logger: Logger;
  private readonly options: Required<CallJournalOptions>;
  /** Called after each failed write, with the error (for metrics). */
  onWriteError: (error: unknown) => void = () => {};
  /** Called for each event the database refused as invalid and that was dropped (for metrics). */
  onEventRefused: (sqlState: string) => void = () => {};
  /** Called for each field of a row change the database refused as invalid and that was dropped. */
  onRowFieldRefused: (sqlState: string) => void = () => {};

  constructor(prisma: PrismaClient, logger: Logger, options: CallJournalOptions = {}) {
    this.prisma = prisma;
    this.logger = logger;
    this.options = { flushIntervalMs: 50, maxBatch: 500, maxRetryDelayMs: 2_000, ...options };
  }

  /** Appends one event; returns at once. An invalid payload is recorded as an error event instead. */
  event<K extends CallEventKind>(
    call: { id: string; companyId: string },
    type: K,
    payload: CallEventPayload<K>,
  ): void {
    let stored: { type: CallEventType; payload: Prisma.InputJsonValue };
    try {
      stored = { type, payload: parseCallEventPayload(type, payload) as Prisma.InputJsonValue };
    } catch (error) {
      this.logger.error({ err: error, type }, "invalid call event payload");
      stored = {
        type: "error",
        payload: { source: "bridge", code: "invalid_event", message: `invalid ${type} payload` },
      };
    }
    this.events.push({
      callSessionId: call.id,
      companyId: call.companyId,
      ...stored,
      occurredAt: new Date(),
      writeKey: randomUUID(),
    });
    this.schedule();
  }

  /**
   * Queues a change to the call's row; later changes to the same fields win (see ONLY_WHILE_LIVE).
   * Throws on a field that is not a column, before anything is queued.
   */
  updateCall(callSessionId: string, data: CallRowChange): void {
    assertCallRowChange(data);
    const queued = this.updates.get(callSessionId) ?? {};
    const merged: QueuedRowChange = ONLY_WHILE_LIVE.includes(data.status)
      ? { ...queued, whileLive: { ...queued.whileLive, ...data } }
      : { ...queued, always: { ...queued.always, ...data }, whileLive: without(queued.whileLive, data) };
    this.updates.set(callSessionId, merged);
    this.schedule();
  }

  get pending(): number {
    return this.events.length + this.updates.size;
  }

  /** Writes everything queued, retrying until it is written or `deadlineMs` passes. */
  async drain(deadlineMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + deadlineMs;
    while (this.pending > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.pending > 0)
        await new Promise((r) =>
          setTimeout(r, Math.min(this.retryDelay(), Math.max(0, deadline - Date.now()))),
        );
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.pending === 0;
  }

  private schedule(): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.flush().then(() => {
          if (this.pending > 0) this.scheduleRetry();
        });
      },
      this.failures > 0 ? this.retryDelay() : this.options.flushIntervalMs,
    );
  }

  private scheduleRetry(): void {
    if (!this.timer && !this.flushing) this.schedule();
  }

  private retryDelay(): number {
    return Math.min(this.options.maxRetryDelayMs, 50 * 2 ** Math.min(this.failures, 10));
  }

  private flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    try {
      // Rows first: a live monitor woken by an event reads the call's row, which must already say
      // what the event says (an "ended" event beside a row still "active" would show a dead call live).
      // Only the events queued before the rows were read go now: one queued while the rows are
      // written may belong to a row change that waits for the next flush.
      let ready = this.events.length;
      await this.writeRowChanges();
      while (ready > 0) {
        const batch = this.events.slice(0, Math.min(ready, this.options.maxBatch));
        ready -= batch.length;
        try {
          await this.insertBatch(batch);
        } catch (error) {
          if (refusedDataState(error) === null) throw error;
          await this.insertOneByOne(batch.length);
          continue;
        }
        this.events.splice(0, batch.length);
      }
      if (this.failures > 0) this.logger.info({ afterFailures: this.failures }, "database writes resumed");
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.onWriteError(error);
      if (this.failures === 1 || this.failures % 20 === 0) {
        this.logger.warn(
          { err: error, pending: this.pending, failures: this.failures },
          "database write failed; will retry",
        );
      }
    }
  }

  /**
   * Every queued row change: the unconditional parts of all calls first, then the live-only parts,
   * so each call's own two go in order, in a statement per set of columns (`updateCallRows`). A
   * change is forgotten once written, unless a newer one arrived meanwhile; after a failure all
   * are retried (writing a change twice sets the same values).
   */
  private async writeRowChanges(): Promise<void> {
    const changes = [...this.updates];
    if (changes.length === 0) return;
    const parts = (part: keyof QueuedRowChange) =>
      changes.flatMap(([id, change]) => (change[part] ? [{ id, data: change[part] }] : []));
    await this.writeRows(parts("always"), { whileLive: false });
    await this.writeRows(parts("whileLive"), { whileLive: true });
    for (const [id, change] of changes) if (this.updates.get(id) === change) this.updates.delete(id);
  }

  /**
   * Row changes in shared statements. A value the database refuses (a NUL in a tool's text) would
   * refuse its whole statement, and every call's rows and events behind it, forever: then each
   * call's change goes alone, a refused one field by field, and only the refused fields are
   * dropped, logged and counted.
   */
  private async writeRows(rows: { id: string; data: CallRowChange }[], options: { whileLive: boolean }) {
    if ((await this.refusedRows(rows, options)) === null) return;
    for (const { id, data } of rows) {
      if (rows.length > 1 && (await this.refusedRows([{ id, data }], options)) === null) continue;
      for (const [field, value] of Object.entries(data)) {
        const sqlState = await this.refusedRows([{ id, data: { [field]: value } }], options);
        if (sqlState === null) continue;
        this.onRowFieldRefused(sqlState);
        this.logger.error(
          { sqlState, callSessionId: id, field },
          "the database refused a call row's field; it is dropped",
        );
      }
    }
  }

  /** Writes the rows; the SQLSTATE when the database refused their data (any other failure throws). */
  private async refusedRows(
    rows: { id: string; data: CallRowChange }[],
    options: { whileLive: boolean },
  ): Promise<string | null> {
    try {
      await updateCallRows(this.prisma, rows, options);
      return null;
    } catch (error) {
      const sqlState = refusedDataState(error);
      if (sqlState === null) throw error;
      return sqlState;
    }
  }

  /**
   * The first `count` queued events one at a time, after their batch was refused: a refused event is
   * dropped, any other failure stops here and the rest is retried (stored events are skipped then).
   */
  private async insertOneByOne(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const event = this.events[0] as QueuedEvent;
      try {
        await this.insertBatch([event]);
      } catch (error) {
        const sqlState = refusedDataState(error);
        if (sqlState === null) throw error;
        this.onEventRefused(sqlState);
        this.logger.error(
          { err: error, sqlState, callSessionId: event.callSessionId, type: event.type },
          "the database refused a call event; it is dropped",
        );
      }
      this.events.shift();
    }
  }

  /** One batch, cancelled by the database if it runs too long (see CALL_EVENT_INSERT_TIMEOUT_MS). */
  private async insertBatch(batch: QueuedEvent[]): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.$executeRawUnsafe(`SET LOCAL statement_timeout = ${CALL_EVENT_INSERT_TIMEOUT_MS}`),
      // A retry of a batch that was stored before the connection dropped adds only what is missing.
      this.prisma.callEvent.createMany({ data: batch, skipDuplicates: true }),
    ]);
  }
}

/**
 * The SQLSTATE of an error that says the data itself is refused (class 22, data exception; 23,
 * integrity violation), which no retry can fix; null for anything else (connection, timeout…).
 */
function refusedDataState(error: unknown): string | null {
  if (error instanceof Error && error.name === "PrismaClientValidationError") return "validation";
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } })?.meta;
  const state = meta?.driverAdapterError?.cause?.originalCode;
  return typeof state === "string" && /^2[23]/.test(state) ? state : null;
}

/** `data` without the fields `later` sets (a later change to a field wins); undefined when empty. */
function without(data: CallRowChange | undefined, later: CallRowChange): CallRowChange | undefined {
  if (!data) return undefined;
  const kept = Object.fromEntries(Object.entries(data).filter(([field]) => !(field in later)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}
