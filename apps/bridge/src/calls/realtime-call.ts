import type { CallEndReason } from "@koe/db";
import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import type { ProviderRefusal } from "../realtime/provider-refusal.ts";
import type { RealtimeTransport } from "../realtime/realtime-transport.ts";
import type { ServerEvent } from "../realtime/server-events.ts";
import type { ToolRegistry } from "../tools/tool-registry.ts";
import { AgentPlayback } from "./agent-playback.ts";
import { BargeIn } from "./barge-in.ts";
import type { CallIdentity } from "./call-identity.ts";
import { ConversationMemory } from "./conversation-memory.ts";
import { ProviderConnection } from "./provider-connection.ts";
import type { ReconnectPolicy } from "./reconnect-policy.ts";
import { ResponseRequests } from "./response-requests.ts";
import { SendBudget } from "./send-budget.ts";
import type { TelephonyStream } from "./telephony-stream.ts";
import { runToolCall } from "./tool-call.ts";
import { TurnLatency } from "./turn-latency.ts";
import { UsageMeter } from "./usage-meter.ts";

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
  /** How long a pre-warmed call waits for Twilio's media stream before it is given up. */
  streamWaitMs: number;
  /** The provider stayed unreachable (or the call failed): apologize and move the caller to an operator. */
  handOver(reason: string): Promise<boolean>;
  /** OpenAI refused for a reason retrying cannot fix: the company's operators are alerted (once an hour). */
  alertRefusal(refusal: ProviderRefusal): Promise<void>;
  /** Ends the phone call itself (Twilio REST), so the caller is not left on the line. */
  hangUp(): Promise<void>;
  /** Told when the call has ended, so the registry can forget it. */
  onEnded(): void;
  /** Reconnection timing and concurrency (default: the process's shared policy). */
  reconnectPolicy?: ReconnectPolicy;
};

/**
 * One phone call on the realtime engine: Twilio audio in and out of an OpenAI GA session, the
 * provider's events routed to barge-in (`barge-in.ts`), responses (`response-requests.ts`) and tools,
 * the event log and the call's end. Socket handlers only translate; the logic lives here.
 */
export class RealtimeCall {
  private readonly deps: RealtimeCallDeps;
  private readonly log: Logger;
  private readonly provider: ProviderConnection;
  private readonly memory = new ConversationMemory();
  private readonly usage: UsageMeter;
  private readonly playback: AgentPlayback;
  private readonly bargeIn: BargeIn;
  private readonly responses: ResponseRequests;
  private stream: TelephonyStream | null = null;
  /** Backpressure towards Twilio: agent audio is dropped, never queued, while Twilio is not reading. */
  private readonly twilioBudget: SendBudget;
  private readonly latency = new TurnLatency();
  private readonly streamWaitTimer: NodeJS.Timeout;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly startedAt = Date.now();
  private ended = false;
  /** Set once the call is on its way out through the operator path; later input is ignored. */
  private failing = false;

  constructor(deps: RealtimeCallDeps) {
    this.deps = deps;
    this.log = deps.logger.child({ callSid: deps.call.callSid });
    this.usage = new UsageMeter(deps.call.model);
    // The caller may hang up before the stream starts: a call that never streams must not linger.
    this.streamWaitTimer = setTimeout(() => this.guard(() => this.end("canceled")), deps.streamWaitMs);
    this.streamWaitTimer.unref();
    this.provider = new ProviderConnection({
      call: deps.call,
      openTransport: deps.openTransport,
      session: deps.session,
      memory: this.memory,
      journal: deps.journal,
      metrics: deps.metrics,
      logger: this.log,
      onEvent: (event) => this.guard(() => this.onServerEvent(event)),
      onReady: () =>
        this.guard(() => {
          if (this.stream) this.responses.requestIfWanted();
        }),
      onLost: () =>
        this.guard(() => {
          // The new session knows nothing of the item Twilio may still be playing.
          this.responses.lost();
          this.playback.reset();
        }),
      onUnavailable: () => this.leave("OpenAI Realtime API unavailable", "realtime_unavailable"),
      onRefused: async (refusal) => {
        await this.deps.alertRefusal(refusal).catch((error: unknown) => {
          this.log.error({ err: error }, "could not record the operator alert");
        });
        await this.leave(`OpenAI refused the session (${refusal.label})`, "realtime_refused");
      },
      onStalled: () => void this.leave("OpenAI stopped reading the call's audio", "peer_stalled"),
      onFault: (error) => this.fault(error),
      ...(deps.reconnectPolicy ? { policy: deps.reconnectPolicy } : {}),
    });
    this.twilioBudget = new SendBudget({
      bufferedBytes: () => this.stream?.bufferedBytes ?? 0,
      onStalled: () => void this.leave("Twilio stopped reading the agent's audio", "peer_stalled"),
    });
    const send = this.provider.send.bind(this.provider);
    this.responses = new ResponseRequests({ isReady: () => this.provider.isReady, send });
    this.playback = new AgentPlayback({
      stream: () => this.stream,
      metrics: deps.metrics,
      admit: (bytes) => this.twilioBudget.admit(bytes),
    });
    this.bargeIn = new BargeIn({
      call: deps.call,
      playback: this.playback,
      send,
      journal: deps.journal,
      metrics: deps.metrics,
    });
  }

  get callSid(): string {
    return this.deps.call.callSid;
  }

  /** Bytes waiting in this process to reach each peer: bounded by the send budgets (see `send-budget.ts`). */
  get unsentBytes(): { twilio: number; provider: number } {
    return { twilio: this.stream?.bufferedBytes ?? 0, provider: this.provider.bufferedBytes };
  }

  /** Opens and configures the OpenAI session (called while answering the voice webhook); never rejects. */
  prepare(): Promise<void> {
    return this.provider.open().catch((error: unknown) => this.fault(error));
  }

  /** Twilio's media stream for this call has started: greet the caller. */
  attach(stream: TelephonyStream, streamSid: string): void {
    // The call ended before its stream arrived: Twilio goes on with the TwiML after the stream.
    if (this.ended || this.failing) return stream.close();
    this.guard(() => this.attachStream(stream, streamSid));
  }

  private attachStream(stream: TelephonyStream, streamSid: string): void {
    this.stream = stream;
    this.deps.journal.updateCall(this.deps.call.id, { streamSid, status: "active", answeredAt: new Date() });
    this.deps.journal.event(this.deps.call, "status", { status: "active", detail: "media stream started" });
    this.responses.request();
    clearTimeout(this.streamWaitTimer);
    this.idleTimer = setTimeout(() => this.guard(() => this.end("idle_timeout")), this.deps.idleTimeoutMs);
    this.idleTimer.unref();
  }

  /** One 20 ms frame of caller audio (base64 μ-law), passed through untouched. */
  callerAudio(payload: string): void {
    this.guard(() => {
      this.deps.metrics.framesIn.inc();
      this.provider.appendAudio(payload);
    });
  }

  markPlayed(name: string): void {
    this.guard(() => this.playback.markPlayed(name));
  }

  dtmf(digit: string): void {
    this.guard(() => this.deps.journal.event(this.deps.call, "dtmf", { digit }));
  }

  /** Ends the call once: closes OpenAI and the stream, and finalizes the row. */
  end(reason: CallEndReason): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.streamWaitTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.twilioBudget.stop();
    this.provider.close();
    // An idle caller is hung up; otherwise closing the stream lets Twilio go on with the TwiML.
    if (reason === "idle_timeout") {
      void this.deps.hangUp().finally(() => this.stream?.close());
    } else {
      this.stream?.close();
    }
    const endedAt = new Date();
    this.deps.journal.updateCall(this.deps.call.id, {
      status:
        reason === "bridge_restarted" ? "interrupted" : reason === "canceled" ? "canceled" : "completed",
      endedAt,
      endReason: reason,
      durationSeconds: Math.round((endedAt.getTime() - this.startedAt) / 1000),
    });
    this.deps.journal.event(this.deps.call, "status", { status: "ended", detail: reason });
    this.deps.metrics.callsEnded.inc({ reason });
    this.log.info({ reason }, "call ended");
    this.deps.onEnded();
  }

  /**
   * Runs one piece of the call's handling: whatever it throws ends this call alone, through the
   * operator path, and never reaches the socket handler or timer that called it (where it would
   * end the process and every call in it).
   */
  private guard(handle: () => void): void {
    if (this.failing || this.ended) return;
    try {
      handle();
    } catch (error) {
      this.fault(error);
    }
  }

  /** The bridge failed on this call: the caller hears the apology and goes to the operator; the row is finalized. */
  private fault(error: unknown): void {
    if (this.failing || this.ended) return;
    this.log.error({ err: error }, "the call failed; handing it to the operator");
    this.deps.metrics.errors.inc({ source: "bridge" });
    this.deps.journal.event(this.deps.call, "error", {
      source: "bridge",
      code: "call_fault",
      message: error instanceof Error ? error.message : String(error),
    });
    void this.leave("the bridge failed on this call", "call_fault");
  }

  /** Hands the caller to the operator (the apology first), then ends the call with `reason`. Never rejects. */
  private async leave(handoffReason: string, reason: CallEndReason): Promise<void> {
    if (this.failing || this.ended) return;
    this.failing = true;
    // Nothing more is sent to or read from OpenAI while Twilio moves the caller.
    this.provider.close();
    try {
      await this.deps.handOver(handoffReason);
    } catch (error) {
      this.log.error({ err: error }, "the operator handoff failed");
    }
    try {
      this.end(reason);
    } catch (error) {
      this.log.error({ err: error }, "ending the call failed");
      this.deps.onEnded();
    }
  }

  private onServerEvent(event: ServerEvent): void {
    switch (event.type) {
      case "session.created":
        if (event.session.id)
          this.deps.journal.updateCall(this.deps.call.id, { openaiSessionId: event.session.id });
        return;
      case "input_audio_buffer.speech_started":
        this.touch();
        return this.bargeIn.speechStarted(this.responses.isActive);
      case "input_audio_buffer.speech_stopped":
        return this.latency.speechStopped();
      case "conversation.item.input_audio_transcription.completed":
        this.usage.addTranscription(event.usage?.total_tokens ?? 0);
        this.memory.add("caller", event.transcript);
        return this.deps.journal.event(this.deps.call, "transcript", {
          role: "caller",
          text: event.transcript,
          itemId: event.item_id,
          truncated: false,
        });
      case "response.created":
        return this.responses.created(event.response.id);
      case "response.output_audio.delta":
        return this.agentAudio(event.item_id, event.delta);
      case "response.output_audio_transcript.done":
        return this.agentTranscript(event.item_id, event.transcript);
      case "response.function_call_arguments.done":
        return void this.runTool(event.call_id, event.name, event.arguments).catch((error: unknown) =>
          this.fault(error),
        );
      case "response.done":
        return this.responseDone(event);
      case "error":
        // Cancelling a response the server already cancelled on barge-in is expected and harmless;
        // an expired session is renewed by the provider connection and is no failure.
        if (event.error.code === "response_cancel_not_active" || event.error.code === "session_expired")
          return;
        this.responses.refused(event.error.event_id);
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
    if (this.ended || !this.stream) {
      this.deps.metrics.framesDiscarded.inc({ reason: "call_ended" });
      return;
    }
    if (!this.playback.forward(this.stream, itemId, delta)) return;
    this.touch();
    const turn = this.latency.audioForwarded();
    if (turn) {
      this.deps.metrics.turnLatency.observe(turn.latencyMs / 1000);
      this.deps.journal.event(this.deps.call, "turn_latency", turn);
    }
  }

  private agentTranscript(itemId: string, transcript: string): void {
    const { text, truncated } = this.bargeIn.heardTranscript(itemId, transcript);
    this.memory.add("agent", text);
    this.deps.journal.event(this.deps.call, "transcript", { role: "agent", text, itemId, truncated });
  }

  private async runTool(callId: string, name: string, argumentsJson: string): Promise<void> {
    const { output, endCall } = await runToolCall(this.deps, { callId, name, argumentsJson });
    // Kept for a reconnected session, which would not know this call_id.
    this.memory.add("tool", `${name}: ${output}`);
    if (this.ended || this.failing) return;
    // The tool moved the call elsewhere (the operator): the AI side of it is over.
    if (endCall) return this.end(endCall);
    this.provider.send({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: callId, output },
    });
    this.responses.request();
  }

  private responseDone(event: Extract<ServerEvent, { type: "response.done" }>): void {
    this.responses.finished();
    const usage = event.response.usage;
    if (usage) {
      this.deps.journal.event(this.deps.call, "usage", this.usage.addResponse(usage, event.response.id));
      this.deps.journal.updateCall(this.deps.call.id, {
        ...this.usage.totals,
        costUsd: this.usage.costUsd(),
      });
    }
    this.responses.requestIfWanted();
  }

  /** Restarts the idle countdown (`refresh` reuses the timer: this runs for every frame of agent audio). */
  private touch(): void {
    this.idleTimer?.refresh();
  }
}
