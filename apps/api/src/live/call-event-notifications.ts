import pg from "pg";
import type { Logger } from "../logger.ts";

/** The channel the CallEvent insert trigger notifies (migration 20261124120000_call_event_notify). */
export const CALL_EVENTS_CHANNEL = "koe_call_events";
const RECONNECT_DELAY_MS = 1_000;

/** A LISTEN connection to PostgreSQL that reconnects on its own; `listening` says whether it is up. */
export class CallEventNotifications {
  listening = false;
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly url: string;
  private readonly onNotify: () => void;
  private readonly logger: Logger;

  constructor(url: string, onNotify: () => void, logger: Logger) {
    this.url = url;
    this.onNotify = onNotify;
    this.logger = logger;
  }

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    this.client = client;
    client.on("notification", () => this.onNotify());
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${CALL_EVENTS_CHANNEL}`);
      this.listening = true;
      // Anything appended while the connection was down is read now.
      this.onNotify();
    } catch (err) {
      this.lost(client, err);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.listening = false;
    await this.client?.end().catch(() => {});
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    client.end().catch(() => {});
    if (this.closed) return;
    this.logger.warn({ err }, "LISTEN connection lost; polling until it is back");
    this.retry = setTimeout(() => void this.connect(), RECONNECT_DELAY_MS);
  }
}
