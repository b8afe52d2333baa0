import type { CallEndReason } from "@koe/db";
import type { RealtimeServerEvent, RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import type { RealtimeTransport } from "../realtime/realtime-transport.ts";
import type { ToolRegistry } from "../tools/tool-registry.ts";
import { AgentPlayback } from "./agent-playback.ts";
import { BargeIn } from "./barge-in.ts";
import type { CallIdentity } from "./call-identity.ts";
import { ConversationMemory } from "./conversation-memory.ts";
import { ProviderConnection } from "./provider-connection.ts";
import { ResponseRequests } from "./response-requests.ts";
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
  /** The provider stayed unreachable: apologize and move the caller to an operator. */
  handOver(reason: string): Promise<boolean>;
  /** Ends the phone call itself (Twilio REST), so the caller is not left on the line. */
  hangUp(): Promise<void>;
  /** Told when the call has ended, so the registry can forget it. */
  onEnded(): void;
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
  private readonly latency = new TurnLatency();
  private readonly streamWaitTimer: NodeJS.Timeout;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly startedAt = Date.now();
  private ended = false;

  constructor(deps: RealtimeCallDeps) {
    this.deps = deps;
    this.log = deps.logger.child({ callSid: deps.call.callSid });
    this.usage = new UsageMeter(deps.call.model);
    // The caller may hang up before the stream starts: a call that never streams must not linger.
    this.streamWaitTimer = setTimeout(() => this.end("canceled"), deps.streamWaitMs);
    this.streamWaitTimer.unref();
    this.provider = new ProviderConnection({
      call: deps.call,
      openTransport: deps.openTransport,
      session: deps.session,
      memory: this.memory,
      journal: deps.journal,
      metrics: deps.metrics,
      logger: this.log,
      onEvent: (event) => this.onServerEvent(event),
      onReady: () => {
        if (this.stream) this.responses.requestIfWanted();
      },
      onLost: () => {
        // The new session knows nothing of the item Twilio may still be playing.
        this.responses.lost();
        this.playback.reset();
      },
      onUnavailable: async () => {
        await this.deps.handOver("OpenAI Realtime API unavailable");
        this.end("realtime_unavailable");
      },
    });
    const send = this.provider.send.bind(this.provider);
    this.responses = new ResponseRequests({ isReady: () => this.provider.isReady, send });
    this.playback = new AgentPlayback({ stream: () => this.stream, metrics: deps.metrics });
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

  /** Opens and configures the OpenAI session (called while answering the voice webhook). */
  prepare(): Promise<void> {
    return this.provider.open();
  }

  /** Twilio's media stream for this call has started: greet the caller. */
  attach(stream: TelephonyStream, streamSid: string): void {
    this.stream = stream;
    this.deps.journal.updateCall(this.deps.call.id, { streamSid, status: "active", answeredAt: new Date() });
    this.deps.journal.event(this.deps.call, "status", { status: "active", detail: "media stream started" });
    this.responses.request();
    clearTimeout(this.streamWaitTimer);
    this.idleTimer = setTimeout(() => this.end("idle_timeout"), this.deps.idleTimeoutMs);
    this.idleTimer.unref();
  }

  /** One 20 ms frame of caller audio (base64 μ-law), passed through untouched. */
  callerAudio(payload: string): void {
    this.deps.metrics.framesIn.inc();
    this.provider.appendAudio(payload);
  }

  markPlayed(name: string): void {
    this.playback.markPlayed(name);
  }

  dtmf(digit: string): void {
    this.deps.journal.event(this.deps.call, "dtmf", { digit });
  }

  /** Ends the call once: closes OpenAI and the stream, and finalizes the row. */
  end(reason: CallEndReason): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.streamWaitTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
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
        return this.bargeIn.speechStarted(this.responses.isActive);
      case "input_audio_buffer.speech_stopped":
        return this.latency.speechStopped();
      case "conversation.item.input_audio_transcription.completed":
        this.usage.addTranscription(event.usage.type === "tokens" ? event.usage.total_tokens : 0);
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
        return void this.runTool(event.call_id, event.name, event.arguments).catch((error: unknown) => {
          this.log.error({ err: error }, "tool call failed");
        });
      case "response.done":
        return this.responseDone(event);
      case "error":
        // Cancelling a response the server already cancelled on barge-in is expected and harmless.
        if (event.error.code === "response_cancel_not_active") return;
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
    const output = await runToolCall(this.deps, { callId, name, argumentsJson });
    // Kept for a reconnected session, which would not know this call_id.
    this.memory.add("tool", `${name}: ${output}`);
    if (this.ended) return;
    this.provider.send({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: callId, output },
    });
    this.responses.request();
  }

  private responseDone(event: Extract<RealtimeServerEvent, { type: "response.done" }>): void {
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
