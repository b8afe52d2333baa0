import type { Base64Audio } from "@koe/shared";
import type { RealtimeClientEvent, RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import { isFinalRefusal, ProviderRefusal } from "../realtime/provider-refusal.ts";
import type { RealtimeTransport } from "../realtime/realtime-transport.ts";
import type { ServerEvent } from "../realtime/server-events.ts";
import type { ConversationMemory } from "./conversation-memory.ts";
import { backoffDelayMs, DEFAULT_RECONNECT_POLICY, type ReconnectPolicy } from "./reconnect-policy.ts";
import { SendBudget } from "./send-budget.ts";

/** Caller audio kept while the provider is not ready: 10 s of 20 ms frames. */
const MAX_QUEUED_FRAMES = 500;
/** The `error` code OpenAI sends when a session reaches its 60-minute cap, just before it closes. */
const SESSION_EXPIRED = "session_expired";

export type ProviderConnectionDeps = {
  call: { id: string; companyId: string };
  /** Opens a new provider socket: at the start, and again on each reconnection. */
  openTransport(): RealtimeTransport;
  session: RealtimeSessionCreateRequest;
  memory: ConversationMemory;
  journal: Pick<CallJournal, "event">;
  metrics: BridgeMetrics;
  logger: Logger;
  onEvent(event: ServerEvent): void;
  /** The session is configured (first time or after a reconnection); queued audio has been sent. */
  onReady(): void;
  /** The socket was lost; a reconnection is about to be tried. */
  onLost(): void;
  /** Every attempt failed: the call cannot go on with this provider. */
  onUnavailable(): Promise<void>;
  /** The provider refused for a reason retrying cannot fix (API key, permission, quota). */
  onRefused(refusal: ProviderRefusal): Promise<void>;
  /** The provider stopped reading what the call sends. */
  onStalled(): void;
  /** Something failed while handling the connection: the call ends, nothing escapes to the process. */
  onFault(error: unknown): void;
  policy?: ReconnectPolicy;
};

/**
 * The call's provider session over its lifetime: opened and configured with one `session.update`,
 * caller audio queued (bounded) while it is not ready and sent only while the socket keeps up,
 * and on loss reopened (jittered backoff, never after an auth or quota refusal) and told the
 * conversation so far, since a new server session starts empty. A session that reached its
 * time cap is renewed the same way without counting as a failure.
 */
export class ProviderConnection {
  private readonly deps: ProviderConnectionDeps;
  private readonly policy: ReconnectPolicy;
  private readonly budget: SendBudget;
  private transport: RealtimeTransport;
  private ready = false;
  private recovering = false;
  private closed = false;
  /** The current session announced its expiry: its close is a renewal, not a loss. */
  private expiring = false;
  private readonly queuedAudio: Base64Audio[] = [];

  constructor(deps: ProviderConnectionDeps) {
    this.deps = deps;
    this.policy = deps.policy ?? DEFAULT_RECONNECT_POLICY;
    this.budget = new SendBudget({
      bufferedBytes: () => this.transport.bufferedBytes,
      onStalled: () => deps.onStalled(),
    });
    this.transport = deps.openTransport();
  }

  get isReady(): boolean {
    return this.ready;
  }

  get bufferedBytes(): number {
    return this.transport.bufferedBytes;
  }

  async open(): Promise<void> {
    try {
      await this.connect(this.transport);
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not open the OpenAI session");
      this.recordError(error instanceof ProviderRefusal ? error.label : "connect_failed", errorText(error));
      if (error instanceof ProviderRefusal && error.isFinal) return this.refused(error);
      await this.recover("open");
    }
  }

  /** Sends an event if the session is ready; false otherwise. */
  send(event: RealtimeClientEvent): boolean {
    return this.ready && this.transport.send(event);
  }

  /**
   * Caller audio: sent at once, or queued until the session is ready (oldest dropped past the
   * bound), or dropped while the provider is not reading what was already sent.
   */
  appendAudio(audio: Base64Audio): void {
    if (this.ready) {
      if (!this.budget.admit(audio.length)) return this.deps.metrics.framesDropped.inc({ direction: "in" });
      if (this.transport.appendAudio(audio)) return;
    }
    if (this.queuedAudio.length >= MAX_QUEUED_FRAMES) {
      this.queuedAudio.shift();
      this.deps.metrics.framesDropped.inc({ direction: "in" });
    }
    this.queuedAudio.push(audio);
  }

  close(): void {
    this.closed = true;
    this.budget.stop();
    this.transport.close();
  }

  private async connect(transport: RealtimeTransport, restore = false): Promise<void> {
    this.transport = transport;
    this.expiring = false;
    transport.on("event", (event) => {
      if (transport !== this.transport) return;
      this.deps.onEvent(event);
      if (event.type === "error") this.providerError(event.error.code ?? null, event.error.message);
    });
    transport.on("close", ({ code, reason, expected }) => {
      if (expected || transport !== this.transport || !this.ready) return;
      const next = this.expiring ? this.renew() : this.onLost(code, reason);
      next.catch((error: unknown) => this.deps.onFault(error));
    });
    await transport.connect();
    transport.send({ type: "session.update", session: this.deps.session });
    if (restore) this.restoreConversation();
    this.ready = true;
    for (const audio of this.queuedAudio.splice(0)) transport.appendAudio(audio);
    this.deps.onReady();
  }

  /** An `error` event: the session's expiry is noted; an auth or quota refusal ends the session. */
  private providerError(code: string | null, message: string): void {
    if (code === SESSION_EXPIRED) {
      this.expiring = true;
      return;
    }
    if (!isFinalRefusal(null, code) || this.closed) return;
    this.ready = false;
    this.transport.close();
    this.refused(new ProviderRefusal(null, code, `OpenAI refused the session: ${message}`)).catch(
      (error: unknown) => this.deps.onFault(error),
    );
  }

  private async onLost(code: number, reason: string): Promise<void> {
    if (this.closed) return;
    this.ready = false;
    this.deps.logger.warn({ code, reason }, "OpenAI socket lost; reconnecting");
    this.recordError(`socket_closed_${code}`, reason || "the OpenAI socket closed unexpectedly");
    this.deps.onLost();
    await this.recover("lost");
  }

  /** The session reached its time cap: a new one takes over with the conversation so far. */
  private async renew(): Promise<void> {
    if (this.closed) return;
    this.ready = false;
    this.deps.logger.info("OpenAI session expired; renewing it");
    this.deps.onLost();
    await this.recover("renewal");
  }

  private async recover(cause: "open" | "lost" | "renewal"): Promise<void> {
    if (this.recovering || this.closed) return;
    this.recovering = true;
    try {
      for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
        // A renewal is planned: its first attempt waits for nothing.
        if (cause !== "renewal" || attempt > 1) await this.policy.sleep(backoffDelayMs(this.policy, attempt));
        if (this.closed) return;
        try {
          await this.policy.slots.run(() => this.connect(this.deps.openTransport(), cause !== "open"));
          if (cause !== "renewal") this.deps.metrics.reconnects.inc();
          this.deps.journal.event(this.deps.call, "status", {
            status: cause === "renewal" ? "session_renewed" : "reconnected",
            detail: `attempt ${attempt}`,
          });
          return;
        } catch (error) {
          this.deps.logger.warn({ err: error, attempt }, "reconnection failed");
          if (error instanceof ProviderRefusal && error.isFinal) {
            this.recordError(error.label, error.message);
            return await this.refused(error);
          }
        }
      }
      if (this.closed) return; // the call ended meanwhile: nobody to hand over
      this.recordError("reconnect_failed", `no OpenAI session after ${this.policy.attempts} attempts`);
      await this.deps.onUnavailable();
    } finally {
      this.recovering = false;
    }
  }

  private async refused(refusal: ProviderRefusal): Promise<void> {
    if (this.closed) return;
    this.deps.logger.error(
      { status: refusal.status, code: refusal.code },
      "OpenAI refused the session; not retrying",
    );
    await this.deps.onRefused(refusal);
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
