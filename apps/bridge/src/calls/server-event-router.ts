import type { CallEndReason } from "@koe/db";
import type { Base64Audio } from "@koe/shared";
import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import type { ServerEvent } from "../realtime/server-events.ts";
import type { CallAction, ToolRegistry } from "../tools/tool-registry.ts";
import type { AgentPlayback } from "./agent-playback.ts";
import type { BargeIn } from "./barge-in.ts";
import type { CallIdentity } from "./call-identity.ts";
import type { HeardAgentLines } from "./heard-agent-lines.ts";
import type { ResponseRequests } from "./response-requests.ts";
import type { TelephonyStream } from "./telephony-stream.ts";
import { runToolCall } from "./tool-call.ts";
import type { TranscriptOrder } from "./transcript-order.ts";
import { TurnLatency } from "./turn-latency.ts";
import type { UsageMeter } from "./usage-meter.ts";

export type ServerEventRouterDeps = {
  call: CallIdentity;
  tools: ToolRegistry;
  journal: CallJournal;
  metrics: BridgeMetrics;
  logger: Logger;
  usage: UsageMeter;
  playback: AgentPlayback;
  bargeIn: BargeIn;
  responses: ResponseRequests;
  transcript: TranscriptOrder;
  heardLines: HeardAgentLines;
  send(event: RealtimeClientEvent): void;
  /** Twilio's stream, once it started. */
  stream(): TelephonyStream | null;
  /** Whether the call is over or on its way to the operator (a tool finishing late changes nothing). */
  isOver(): boolean;
  /** The caller or the agent is active: the idle countdown restarts. */
  touch(): void;
  end(reason: CallEndReason): void;
  /** A tool is about to move the call: it ends with `action` even if Twilio's stop comes first. Returns the undo. */
  leavingAs(action: CallAction): () => void;
  fault(error: unknown): void;
};

/**
 * What each OpenAI server event means for the call: barge-in, responses, tools, the transcript
 * (in conversation order, `transcript-order.ts`; the agent's lines as heard, `heard-agent-lines.ts`),
 * latency, usage and errors in the event log.
 */
export class ServerEventRouter {
  private readonly deps: ServerEventRouterDeps;
  private readonly latency = new TurnLatency();

  constructor(deps: ServerEventRouterDeps) {
    this.deps = deps;
  }

  route(event: ServerEvent): void {
    const { deps } = this;
    switch (event.type) {
      case "session.created":
        if (event.session.id) deps.journal.updateCall(deps.call.id, { openaiSessionId: event.session.id });
        return;
      case "input_audio_buffer.speech_started":
        deps.touch();
        return deps.bargeIn.speechStarted(deps.responses.isActive);
      case "input_audio_buffer.speech_stopped":
        return this.latency.speechStopped();
      case "input_audio_buffer.committed":
        return deps.transcript.place(event.item_id, "caller", event.previous_item_id);
      case "conversation.item.added":
        if (event.item.id && event.item.type === "message" && event.item.role === "assistant")
          deps.transcript.place(event.item.id, "agent", event.previous_item_id);
        return;
      case "conversation.item.input_audio_transcription.completed":
      case "conversation.item.input_audio_transcription.failed":
        return this.callerTranscript(event);
      case "response.created":
        return deps.responses.created(event.response.id);
      case "response.output_audio.delta":
        return this.agentAudio(event.item_id, event.delta);
      case "response.output_audio.done":
        return deps.playback.audioDone(event.item_id);
      case "response.output_audio_transcript.done":
        return deps.heardLines.written(event.item_id, event.transcript);
      case "response.function_call_arguments.done":
        return void this.runTool(event.call_id, event.name, event.arguments).catch((error: unknown) =>
          deps.fault(error),
        );
      case "response.done":
        return this.responseDone(event);
      case "error":
        return this.providerError(event.error);
    }
  }

  /** The caller's line of a committed item, in its place. */
  private callerTranscript(
    event: Extract<
      ServerEvent,
      {
        type:
          | "conversation.item.input_audio_transcription.completed"
          | "conversation.item.input_audio_transcription.failed";
      }
    >,
  ): void {
    if (event.type === "conversation.item.input_audio_transcription.failed")
      return this.deps.transcript.forget(event.item_id);
    this.deps.usage.addTranscription(event.usage?.total_tokens ?? 0);
    this.deps.transcript.fill({
      role: "caller",
      text: event.transcript,
      itemId: event.item_id,
      truncated: false,
    });
  }

  private agentAudio(itemId: string, delta: Base64Audio): void {
    const stream = this.deps.stream();
    if (this.deps.isOver() || !stream) {
      this.deps.metrics.framesDiscarded.inc({ reason: "call_ended" });
      return;
    }
    if (!this.deps.playback.forward(stream, itemId, delta)) return;
    this.deps.touch();
    const turn = this.latency.audioForwarded();
    if (turn) {
      this.deps.metrics.turnLatency.observe(turn.latencyMs / 1000);
      this.deps.journal.event(this.deps.call, "turn_latency", turn);
    }
  }

  private async runTool(callId: string, name: string, argumentsJson: string): Promise<void> {
    const { deps } = this;
    const { output, endCall } = await runToolCall(deps, { callId, name, argumentsJson });
    // Kept for a reconnected session, which would not know this call_id.
    deps.transcript.fill({ role: "tool", text: `${name}: ${output}`, itemId: callId, truncated: false });
    if (deps.isOver()) return;
    // The tool moved the call elsewhere (the operator): the AI side of it is over.
    if (endCall) return deps.end(endCall);
    deps.send({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: callId, output },
    });
    deps.responses.request();
  }

  private responseDone(event: Extract<ServerEvent, { type: "response.done" }>): void {
    const { deps } = this;
    deps.responses.finished();
    const usage = event.response.usage;
    if (usage) {
      deps.journal.event(deps.call, "usage", deps.usage.addResponse(usage, event.response.id));
      deps.journal.updateCall(deps.call.id, { ...deps.usage.totals, costUsd: deps.usage.costUsd() });
    }
    deps.responses.requestIfWanted();
  }

  private providerError(error: Extract<ServerEvent, { type: "error" }>["error"]): void {
    // Cancelling a response the server already cancelled on barge-in is expected and harmless;
    // an expired session is renewed by the provider connection and is no failure.
    if (error.code === "response_cancel_not_active" || error.code === "session_expired") return;
    this.deps.responses.refused(error.event_id);
    this.deps.metrics.errors.inc({ source: "openai" });
    this.deps.logger.warn({ error }, "OpenAI reported an error");
    this.deps.journal.event(this.deps.call, "error", {
      source: "openai",
      code: error.code ?? error.type,
      message: error.message,
    });
  }
}
