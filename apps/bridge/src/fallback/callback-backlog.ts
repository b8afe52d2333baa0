import { pingDatabase } from "@koe/db";
import type { BridgeContext } from "../context.ts";

/** How many callbacks wait at most (a status callback is well under a kilobyte). */
export const CALLBACK_BACKLOG_LIMIT = 10_000;
const RETRY_MS = 2_000;

type Pending = { what: string; callSid: string; write: () => Promise<void> };

/**
 * Twilio's status and recording callbacks that could not be written (the database unreachable).
 * Twilio does not send a callback again when it is answered with an error, so answering 500 would
 * lose it: the bridge takes it (204), keeps it in arrival order and writes it once the database
 * answers again. A callback that fails while the database answers is its own fault: it is logged
 * and dropped rather than holding up the others. Only a full backlog refuses (503), and a process
 * that ends loses what it still holds: both are logged.
 */
export class CallbackBacklog {
  readonly #ctx: Pick<BridgeContext, "prisma" | "logger" | "metrics" | "env">;
  readonly #pending: Pending[] = [];
  readonly #limit: number;
  readonly #retryMs: number;
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;

  constructor(
    ctx: Pick<BridgeContext, "prisma" | "logger" | "metrics" | "env">,
    options: { limit?: number; retryMs?: number } = {},
  ) {
    this.#ctx = ctx;
    this.#limit = options.limit ?? CALLBACK_BACKLOG_LIMIT;
    this.#retryMs = options.retryMs ?? RETRY_MS;
  }

  get size(): number {
    return this.#pending.length;
  }

  /**
   * Writes one callback, behind any that are still waiting. False only when it could not be
   * written and the backlog is full.
   */
  async accept(what: string, callSid: string, write: () => Promise<void>): Promise<boolean> {
    if (this.#pending.length === 0) {
      try {
        return await write().then(() => true);
      } catch (error) {
        this.#ctx.logger.warn(
          { err: error, callSid, what },
          "could not write a Twilio callback: kept to retry",
        );
      }
    }
    if (this.#pending.length >= this.#limit) {
      this.#ctx.metrics.errors.inc({ source: "callback_backlog" });
      this.#ctx.logger.error({ callSid, what, limit: this.#limit }, "the callback backlog is full: refused");
      return false;
    }
    this.#pending.push({ what, callSid, write });
    this.#schedule();
    return true;
  }

  /** Writes what waits, in order, until the database fails again. */
  flush(): Promise<void> {
    this.#flushing ??= this.#drain().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  /** Stops retrying (the process is ending); what is still held is logged as lost. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length > 0)
      this.#ctx.logger.error(
        { lost: this.#pending.map(({ what, callSid }) => ({ what, callSid })) },
        "the bridge ends with Twilio callbacks it could not write",
      );
  }

  async #drain(): Promise<void> {
    while (this.#pending[0]) {
      const next = this.#pending[0];
      try {
        await next.write();
      } catch (error) {
        const database = await pingDatabase(this.#ctx.prisma, {
          timeoutMs: this.#ctx.env.HEALTH_CHECK_TIMEOUT_MS,
        });
        if (!database.ok) break;
        this.#ctx.metrics.errors.inc({ source: "callback_backlog" });
        this.#ctx.logger.error(
          { err: error, callSid: next.callSid, what: next.what },
          "a Twilio callback failed with the database up: dropped",
        );
      }
      this.#pending.shift();
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || this.#pending.length === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.#retryMs);
    this.#timer.unref();
  }
}
