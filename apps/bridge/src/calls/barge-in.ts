import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { AgentPlayback } from "./agent-playback.ts";
import type { CallIdentity } from "./call-identity.ts";
import type { HeardAgentLines } from "./heard-agent-lines.ts";

export type BargeInDeps = {
  call: CallIdentity;
  playback: AgentPlayback;
  heardLines: HeardAgentLines;
  send(event: RealtimeClientEvent): void;
  journal: CallJournal;
  metrics: BridgeMetrics;
};

/**
 * Barge-in: the caller talks over the agent. Twilio's buffer is cleared, the response in progress
 * cancelled, and the item truncated to the audio the caller heard, so the model's memory matches
 * the call; the item's line is cut in the same proportion (`heard-agent-lines.ts`).
 */
export class BargeIn {
  private readonly deps: BargeInDeps;

  constructor(deps: BargeInDeps) {
    this.deps = deps;
  }

  /** `input_audio_buffer.speech_started`: interrupts the agent if it is speaking. */
  speechStarted(responseActive: boolean): void {
    const started = performance.now();
    const truncation = this.deps.playback.interrupt(responseActive);
    if (!truncation) return;
    const reactionMs = performance.now() - started;
    if (responseActive) this.deps.send({ type: "response.cancel" });
    this.deps.send({
      type: "conversation.item.truncate",
      item_id: truncation.itemId,
      content_index: 0,
      audio_end_ms: truncation.audioEndMs,
    });
    this.deps.heardLines.cut(
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
}
