import type { PGlite } from "@electric-sql/pglite";

type Job = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
};

/** Extended-query messages (Parse, Bind, Describe, Execute, Close, Flush): a batch is open until Sync. */
const BATCH_MESSAGES = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * Runs the wire-protocol messages of many client connections one at a time on the single PGlite
 * session. pglite-socket's own queue keeps a connection's turn only inside a transaction, so the
 * Parse/Bind/Execute/Sync of two pooled connections interleave and bind against each other's
 * unnamed statement (electric-sql/pglite#1046: "bind message supplies 2 parameters, but prepared
 * statement requires 4", or silently wrong rows). Here a connection keeps its turn until its batch
 * is synced and no transaction is open, and a failed message never stalls the queue.
 */
export class ProtocolQueue {
  private readonly db: PGlite;
  private queue: Job[] = [];
  private running = false;
  /** The connection whose batch or transaction is open: only its messages may run. */
  private owner: number | null = null;

  constructor(db: PGlite) {
    this.db = db;
  }

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((job) => {
      if (job.handlerId !== handlerId) return true;
      job.reject(new Error("connection closed"));
      return false;
    });
  }

  /** A connection went away: end what it left open (batch, transaction) so others can go on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC));
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    void this.drain();
  }

  private next(): Job | undefined {
    if (this.owner === null) return this.queue.shift();
    const index = this.queue.findIndex((job) => job.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.next(); job; job = this.next()) await this.run(job);
    } finally {
      this.running = false;
    }
  }

  private async run(job: Job): Promise<void> {
    let bytes = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(job.message, {
          onRawData: (data) => {
            bytes += data.length;
            job.onData(data);
          },
        }),
      );
      job.resolve(bytes);
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const batchOpen = BATCH_MESSAGES.has(job.message[0] ?? 0);
    this.owner = batchOpen || this.db.isInTransaction() ? job.handlerId : null;
  }
}
