import type {
  RealtimeClientEvent,
  RealtimeServerEvent,
  RealtimeSessionCreateRequest,
} from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import type { RealtimeTransport } from "../realtime/realtime-transport.ts";
import type { ConversationMemory } from "./conversation-memory.ts";

/** Caller audio kept while the provider is not ready: 10 s of 20 ms frames. */
const MAX_QUEUED_FRAMES = 500;
/** Reconnection attempts after the socket is lost or refused, and the first wait (doubling). */
const RECONNECT_ATTEMPTS = 3;
const RECONNECT_BASE_DELAY_MS = 250;

export type ProviderConnectionDeps = {
  call: { id: string; companyId: string };
  /** Opens a new provider socket: at the start, and again on each reconnection. */
  openTransport(): RealtimeTransport;
  session: RealtimeSessionCreateRequest;
  memory: ConversationMemory;
  journal: CallJournal;
  metrics: BridgeMetrics;
  logger: Logger;
  onEvent(event: RealtimeServerEvent): void;
  /** The session is configured (first time or after a reconnection); queued audio has been sent. */
  onReady(): void;
  /** The socket was lost; a reconnection is about to be tried. */
  onLost(): void;
  /** Every attempt failed: the call cannot go on with this provider. */
  onUnavailable(): Promise<void>;
};

/**
 * The call's provider session over its lifetime: opened and configured with one `session.update`,
 * caller audio queued (bounded) while it is not ready, and on loss reopened with backoff and told
 * the conversation so far, since a new server session starts empty.
 */
export class ProviderConnection {
  private readonly deps: ProviderConnectionDeps;
  private transport: RealtimeTransport;
  private ready = false;
  private recovering = false;
  private closed = false;
  private readonly queuedAudio: string[] = [];

  constructor(deps: ProviderConnectionDeps) {
    this.deps = deps;
    this.transport = deps.openTransport();
  }

  get isReady(): boolean {
    return this.ready;
  }

  async open(): Promise<void> {
    try {
      await this.connect(this.transport);
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not open the OpenAI session");
      this.recordError("connect_failed", error instanceof Error ? error.message : String(error));
      await this.recover(false);
    }
  }

  /** Sends an event if the session is ready; false otherwise. */
  send(event: RealtimeClientEvent): boolean {
    return this.ready && this.transport.send(event);
  }

  /** Caller audio: sent at once, or queued until the session is ready (oldest dropped past the bound). */
  appendAudio(audio: string): void {
    if (this.send({ type: "input_audio_buffer.append", audio })) return;
    if (this.queuedAudio.length >= MAX_QUEUED_FRAMES) {
      this.queuedAudio.shift();
      this.deps.metrics.framesDropped.inc({ direction: "in" });
    }
    this.queuedAudio.push(audio);
  }

  close(): void {
    this.closed = true;
    this.transport.close();
  }

  private async connect(transport: RealtimeTransport, restore = false): Promise<void> {
    this.transport = transport;
    transport.on("event", (event) => {
      if (transport === this.transport) this.deps.onEvent(event);
    });
    transport.on("close", ({ code, reason, expected }) => {
      if (!expected && transport === this.transport && this.ready) void this.onLost(code, reason);
    });
    await transport.connect();
    transport.send({ type: "session.update", session: this.deps.session });
    if (restore) this.restoreConversation();
    this.ready = true;
    for (const audio of this.queuedAudio.splice(0))
      transport.send({ type: "input_audio_buffer.append", audio });
    this.deps.onReady();
  }

  private async onLost(code: number, reason: string): Promise<void> {
    if (this.closed) return;
    this.ready = false;
    this.deps.logger.warn({ code, reason }, "OpenAI socket lost; reconnecting");
    this.recordError(`socket_closed_${code}`, reason || "the OpenAI socket closed unexpectedly");
    this.deps.onLost();
    await this.recover(true);
  }

  private async recover(restore: boolean): Promise<void> {
    if (this.recovering || this.closed) return;
    this.recovering = true;
    try {
      for (let attempt = 1; attempt <= RECONNECT_ATTEMPTS; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_BASE_DELAY_MS * 2 ** (attempt - 1)));
        if (this.closed) return;
        try {
          await this.connect(this.deps.openTransport(), restore);
          this.deps.metrics.reconnects.inc();
          this.deps.journal.event(this.deps.call, "status", {
            status: "reconnected",
            detail: `attempt ${attempt}`,
          });
          return;
        } catch (error) {
          this.deps.logger.warn({ err: error, attempt }, "reconnection failed");
        }
      }
      if (this.closed) return; // the call ended meanwhile: nobody to hand over
      this.recordError("reconnect_failed", `no OpenAI session after ${RECONNECT_ATTEMPTS} attempts`);
      await this.deps.onUnavailable();
    } finally {
      this.recovering = false;
    }
  }

  /** A reconnected session starts empty: give it the conversation so far as context. */
  private restoreConversation(): void {
    const text = this.deps.memory.restoreText();
    if (text === null) return;
    this.transport.send({
      type: "conversation.item.create",
      item: { type: "message", role: "system", content: [{ type: "input_text", text }] },
    });
  }

  private recordError(code: string, message: string): void {
    this.deps.metrics.errors.inc({ source: "openai" });
    this.deps.journal.event(this.deps.call, "error", { source: "openai", code, message });
  }
}
