import type { CallEndReason } from "@koe/db";
import { REALTIME_PRICES_PER_MILLION, type RealtimeModel } from "@koe/shared";
import type { RealtimeServerEvent, RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import type { RealtimeTransport } from "../realtime/realtime-transport.ts";
import type { ToolRegistry } from "../tools/tool-registry.ts";
import { PlaybackTracker } from "./barge-in.ts";
import { TurnLatency } from "./turn-latency.ts";

/** The Twilio side of a call, as the call needs it. */
export interface TelephonyStream {
  sendMedia(payloadBase64: string): void;
  sendMark(name: string): void;
  clear(): void;
  close(): void;
}

export type CallIdentity = {
  /** CallSession row id. */
  id: string;
  callSid: string;
  companyId: string;
  agentId: string;
  customerNumber: string;
  model: RealtimeModel;
};

export type RealtimeCallDeps = {
  call: CallIdentity;
  /** Opens a new provider socket: at the start, and again on each reconnection. */
  openTransport(): RealtimeTransport;
  session: RealtimeSessionCreateRequest;
  tools: ToolRegistry;
  journal: CallJournal;
  metrics: BridgeMetrics;
  logger: Logger;
  idleTimeoutMs: number;
  /** The provider stayed unreachable: apologize and move the caller to an operator. */
  handOver(reason: string): Promise<boolean>;
  /** Ends the phone call itself (Twilio REST), so the caller is not left on the line. */
  hangUp(): Promise<void>;
  /** Told when the call has ended, so the registry can forget it. */
  onEnded(): void;
};

/** Caller audio kept while the OpenAI socket is not open yet: 10 s of 20 ms frames. */
const MAX_QUEUED_FRAMES = 500;
/** Reconnection attempts after the OpenAI socket is lost, and the first wait (doubling). */
const RECONNECT_ATTEMPTS = 3;
const RECONNECT_BASE_DELAY_MS = 250;
/** How much of the conversation a reconnected session is told about. */
const RESTORE_MAX_CHARS = 6_000;

type Usage = {
  inputTextTokens: number;
  inputAudioTokens: number;
  inputCachedTokens: number;
  outputTextTokens: number;
  outputAudioTokens: number;
  transcriptionTokens: number;
};

/**
 * One phone call on the realtime engine: Twilio audio in and out of an OpenAI GA session, barge-in,
 * tools, the event log and the call's end. Socket handlers only translate; the logic lives here.
 */
export class RealtimeCall {
  private readonly deps: RealtimeCallDeps;
  private readonly log: Logger;
  private transport: RealtimeTransport;
  /** The conversation so far, to restore it in a new session after a reconnection. */
  private readonly transcript: { role: "caller" | "agent"; text: string }[] = [];
  private stream: TelephonyStream | null = null;
  private readonly queuedAudio: string[] = [];
  private configured = false;
  private readonly playback = new PlaybackTracker();
  private readonly latency = new TurnLatency();
  /** Share of each interrupted item's audio the caller heard, to cut its transcript alike. */
  private readonly heardShare = new Map<string, number>();
  private activeResponseId: string | null = null;
  private responseWanted = false;
  private readonly usage: Usage = {
    inputTextTokens: 0,
    inputAudioTokens: 0,
    inputCachedTokens: 0,
    outputTextTokens: 0,
    outputAudioTokens: 0,
    transcriptionTokens: 0,
  };
  private idleTimer: NodeJS.Timeout | null = null;
  private recovering = false;
  private readonly startedAt = Date.now();
  private ended = false;

  constructor(deps: RealtimeCallDeps) {
    this.deps = deps;
    this.log = deps.logger.child({ callSid: deps.call.callSid });
    this.transport = deps.openTransport();
  }

  get callSid(): string {
    return this.deps.call.callSid;
  }

  /** Opens and configures the OpenAI session (called while answering the voice webhook). */
  async prepare(): Promise<void> {
    try {
      await this.connect(this.transport);
    } catch (error) {
      this.log.warn({ err: error }, "could not open the OpenAI session");
      this.deps.metrics.errors.inc({ source: "openai" });
      this.deps.journal.event(this.deps.call, "error", {
        source: "openai",
        code: "connect_failed",
        message: error instanceof Error ? error.message : String(error),
      });
      await this.recover();
    }
  }

  private async connect(transport: RealtimeTransport): Promise<void> {
    this.transport = transport;
    transport.on("event", (event) => {
      if (transport === this.transport) this.onServerEvent(event);
    });
    transport.on("close", ({ code, reason, expected }) => {
      if (!expected && transport === this.transport) void this.onProviderLost(code, reason);
    });
    await transport.connect();
    transport.send({ type: "session.update", session: this.deps.session });
    this.configured = true;
    for (const audio of this.queuedAudio.splice(0))
      transport.send({ type: "input_audio_buffer.append", audio });
    if (this.responseWanted && this.stream) this.requestResponse();
  }

  /** Twilio's media stream for this call has started: greet the caller. */
  attach(stream: TelephonyStream, streamSid: string): void {
    this.stream = stream;
    this.deps.journal.updateCall(this.deps.call.id, { streamSid, status: "active", answeredAt: new Date() });
    this.deps.journal.event(this.deps.call, "status", { status: "active", detail: "media stream started" });
    this.requestResponse();
    this.touch();
  }

  /** One 20 ms frame of caller audio (base64 μ-law), passed through untouched. */
  callerAudio(payload: string): void {
    this.deps.metrics.framesIn.inc();
    if (this.configured && this.transport.send({ type: "input_audio_buffer.append", audio: payload })) return;
    if (this.queuedAudio.length >= MAX_QUEUED_FRAMES) {
      this.queuedAudio.shift();
      this.deps.metrics.framesDropped.inc({ direction: "in" });
    }
    this.queuedAudio.push(payload);
  }

  markPlayed(name: string): void {
    this.playback.markEchoed(name);
  }

  dtmf(digit: string): void {
    this.deps.journal.event(this.deps.call, "dtmf", { digit });
  }

  /** Ends the call once: closes OpenAI and the stream, and finalizes the row. */
  end(reason: CallEndReason): void {
    if (this.ended) return;
    this.ended = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.transport.close();
    // An idle caller is hung up; otherwise closing the stream lets Twilio go on with the TwiML.
    if (reason === "idle_timeout") {
      void this.deps.hangUp().finally(() => this.stream?.close());
    } else {
      this.stream?.close();
    }
    const endedAt = new Date();
    this.deps.journal.updateCall(this.deps.call.id, {
      status: reason === "bridge_restarted" ? "interrupted" : "completed",
      endedAt,
      endReason: reason,
      durationSeconds: Math.round((endedAt.getTime() - this.startedAt) / 1000),
    });
    this.deps.journal.event(this.deps.call, "status", { status: "ended", detail: reason });
    this.log.info({ reason }, "call ended");
    this.deps.onEnded();
  }

  private onServerEvent(event: RealtimeServerEvent): void {
    switch (event.type) {
      case "session.created":
        if (
          event.session.type === "realtime" &&
          "id" in event.session &&
          typeof event.session.id === "string"
        ) {
          this.deps.journal.updateCall(this.deps.call.id, { openaiSessionId: event.session.id });
        }
        return;
      case "input_audio_buffer.speech_started":
        this.touch();
        return this.bargeIn();
      case "input_audio_buffer.speech_stopped":
        return this.latency.speechStopped();
      case "conversation.item.input_audio_transcription.completed":
        this.usage.transcriptionTokens += event.usage.type === "tokens" ? event.usage.total_tokens : 0;
        this.transcript.push({ role: "caller", text: event.transcript });
        return this.deps.journal.event(this.deps.call, "transcript", {
          role: "caller",
          text: event.transcript,
          itemId: event.item_id,
          truncated: false,
        });
      case "response.created":
        this.activeResponseId = event.response.id ?? null;
        return;
      case "response.output_audio.delta":
        return this.agentAudio(event.item_id, event.delta);
      case "response.output_audio_transcript.done":
        return this.agentTranscript(event.item_id, event.transcript);
      case "response.function_call_arguments.done":
        return void this.runTool(event.call_id, event.name, event.arguments);
      case "response.done":
        return this.responseDone(event);
      case "error":
        // Cancelling a response the server already cancelled on barge-in is expected and harmless.
        if (event.error.code === "response_cancel_not_active") return;
        this.deps.metrics.errors.inc({ source: "openai" });
        this.log.warn({ error: event.error }, "OpenAI reported an error");
        return this.deps.journal.event(this.deps.call, "error", {
          source: "openai",
          code: event.error.code ?? event.error.type,
          message: event.error.message,
        });
      default:
        return;
    }
  }

  private agentAudio(itemId: string, delta: string): void {
    const mark = this.playback.audioSent(itemId, Buffer.byteLength(delta, "base64"));
    if (mark === null || !this.stream) return; // audio of an item the caller interrupted
    this.stream.sendMedia(delta);
    this.stream.sendMark(mark);
    this.deps.metrics.framesOut.inc();
    this.touch();
    const turn = this.latency.audioForwarded();
    if (turn) {
      this.deps.metrics.turnLatency.observe(turn.latencyMs / 1000);
      this.deps.journal.event(this.deps.call, "turn_latency", turn);
    }
  }

  private bargeIn(): void {
    const started = performance.now();
    const truncation = this.playback.interrupt({ responseActive: this.activeResponseId !== null });
    if (!truncation) return;
    this.stream?.clear();
    const reactionMs = performance.now() - started;
    if (this.activeResponseId) this.transport.send({ type: "response.cancel" });
    this.transport.send({
      type: "conversation.item.truncate",
      item_id: truncation.itemId,
      content_index: 0,
      audio_end_ms: truncation.audioEndMs,
    });
    this.heardShare.set(
      truncation.itemId,
      truncation.sentMs > 0 ? truncation.audioEndMs / truncation.sentMs : 0,
    );
    this.deps.metrics.bargeInReaction.observe(reactionMs / 1000);
    this.deps.journal.event(this.deps.call, "barge_in", {
      itemId: truncation.itemId,
      audioEndMs: truncation.audioEndMs,
      reactionMs: Math.round(reactionMs * 1000) / 1000,
    });
  }

  private agentTranscript(itemId: string, transcript: string): void {
    const share = this.heardShare.get(itemId);
    // The transcript covers the audio sent; after a barge-in keep the part the caller heard.
    const chars = [...transcript];
    const text = share === undefined ? transcript : chars.slice(0, Math.round(chars.length * share)).join("");
    this.transcript.push({ role: "agent", text });
    this.deps.journal.event(this.deps.call, "transcript", {
      role: "agent",
      text,
      itemId,
      truncated: share !== undefined,
    });
  }

  private async runTool(callId: string, name: string, argumentsJson: string): Promise<void> {
    let args: unknown = argumentsJson;
    try {
      args = JSON.parse(argumentsJson);
    } catch {
      // Recorded as given; the registry answers the model with the parse error.
    }
    this.deps.journal.event(this.deps.call, "tool_call", { callId, name, arguments: args });
    const started = performance.now();
    const outcome = await this.deps.tools.run(name, argumentsJson, {
      callSid: this.deps.call.callSid,
      callSessionId: this.deps.call.id,
      companyId: this.deps.call.companyId,
      agentId: this.deps.call.agentId,
      customerNumber: this.deps.call.customerNumber,
    });
    this.deps.journal.event(this.deps.call, "tool_result", {
      callId,
      name,
      ok: outcome.ok,
      output: outcome.ok ? outcome.output : outcome.error,
      durationMs: Math.round(performance.now() - started),
    });
    if (this.ended) return;
    this.transport.send({
      type: "conversation.item.create",
      item: {
        type: "function_call_output",
        call_id: callId,
        output: JSON.stringify(outcome.ok ? outcome.output : { error: outcome.error }),
      },
    });
    this.requestResponse();
  }

  /** Asks for a response now, or as soon as the session is ready and no other response is in progress. */
  private requestResponse(): void {
    if (this.activeResponseId || !this.configured) {
      this.responseWanted = true;
      return;
    }
    this.responseWanted = false;
    this.transport.send({ type: "response.create" });
  }

  private responseDone(event: Extract<RealtimeServerEvent, { type: "response.done" }>): void {
    this.activeResponseId = null;
    const usage = event.response.usage;
    if (usage) {
      this.usage.inputTextTokens += usage.input_token_details?.text_tokens ?? 0;
      this.usage.inputAudioTokens += usage.input_token_details?.audio_tokens ?? 0;
      this.usage.inputCachedTokens += usage.input_token_details?.cached_tokens ?? 0;
      this.usage.outputTextTokens += usage.output_token_details?.text_tokens ?? 0;
      this.usage.outputAudioTokens += usage.output_token_details?.audio_tokens ?? 0;
      this.deps.journal.event(this.deps.call, "usage", {
        responseId: event.response.id,
        inputTextTokens: usage.input_token_details?.text_tokens ?? 0,
        inputAudioTokens: usage.input_token_details?.audio_tokens ?? 0,
        inputCachedTokens: usage.input_token_details?.cached_tokens ?? 0,
        outputTextTokens: usage.output_token_details?.text_tokens ?? 0,
        outputAudioTokens: usage.output_token_details?.audio_tokens ?? 0,
        transcriptionTokens: 0,
      });
      this.deps.journal.updateCall(this.deps.call.id, { ...this.usage, costUsd: this.costUsd() });
    }
    if (this.responseWanted) this.requestResponse();
  }

  /** Cost so far from the published per-token prices; cached input is billed at the cached rate. */
  private costUsd(): number {
    const price = REALTIME_PRICES_PER_MILLION[this.deps.call.model];
    const u = this.usage;
    const cachedAudio = Math.min(u.inputCachedTokens, u.inputAudioTokens);
    const microDollars =
      (u.inputAudioTokens - cachedAudio) * price.audioInput +
      cachedAudio * price.cachedAudioInput +
      u.inputTextTokens * price.textInput +
      u.outputAudioTokens * price.audioOutput +
      u.outputTextTokens * price.textOutput;
    return Math.round(microDollars) / 1_000_000;
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.end("idle_timeout"), this.deps.idleTimeoutMs);
    this.idleTimer.unref();
  }

  /** The OpenAI socket closed under us: reconnect, or hand the caller to an operator. */
  private async onProviderLost(code: number, reason: string): Promise<void> {
    if (this.ended) return;
    this.deps.metrics.errors.inc({ source: "openai" });
    this.log.warn({ code, reason }, "OpenAI socket lost; reconnecting");
    this.deps.journal.event(this.deps.call, "error", {
      source: "openai",
      code: `socket_closed_${code}`,
      message: reason || "the OpenAI socket closed unexpectedly",
    });
    await this.recover();
  }

  /**
   * Reconnects with backoff and tells the new session what was said so far; caller audio waits in
   * the queue meanwhile. Still failing: the caller hears an apology and goes to an operator.
   */
  private async recover(): Promise<void> {
    if (this.recovering || this.ended) return;
    this.recovering = true;
    this.configured = false;
    // An answer cut off by the drop is asked for again once the new session is ready.
    if (this.activeResponseId !== null) this.responseWanted = true;
    this.activeResponseId = null;
    try {
      for (let attempt = 1; attempt <= RECONNECT_ATTEMPTS; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_BASE_DELAY_MS * 2 ** (attempt - 1)));
        if (this.ended) return;
        try {
          await this.connect(this.deps.openTransport());
          this.restoreConversation();
          this.deps.metrics.reconnects.inc();
          this.deps.journal.event(this.deps.call, "status", {
            status: "reconnected",
            detail: `attempt ${attempt}`,
          });
          return;
        } catch (error) {
          this.log.warn({ err: error, attempt }, "reconnection failed");
        }
      }
      this.deps.journal.event(this.deps.call, "error", {
        source: "openai",
        code: "reconnect_failed",
        message: `no OpenAI session after ${RECONNECT_ATTEMPTS} attempts`,
      });
      await this.deps.handOver("OpenAI Realtime API unavailable");
      this.end("realtime_unavailable");
    } finally {
      this.recovering = false;
    }
  }

  /** A reconnected session starts empty: give it the conversation so far as context. */
  private restoreConversation(): void {
    if (this.transcript.length === 0) return;
    let lines = this.transcript.map((l) => `${l.role === "caller" ? "お客様" : "あなた"}: ${l.text}`);
    while (lines.join("\n").length > RESTORE_MAX_CHARS && lines.length > 1) lines = lines.slice(1);
    this.transport.send({
      type: "conversation.item.create",
      item: {
        type: "message",
        role: "system",
        content: [
          {
            type: "input_text",
            text: `通信が一時的に途切れました。これまでの会話は次のとおりです。続きから自然に対応してください。\n${lines.join("\n")}`,
          },
        ],
      },
    });
  }
}
