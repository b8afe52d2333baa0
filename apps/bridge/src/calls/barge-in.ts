import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { AgentPlayback } from "./agent-playback.ts";
import type { CallIdentity } from "./call-identity.ts";

export type BargeInDeps = {
  call: CallIdentity;
  playback: AgentPlayback;
  send(event: RealtimeClientEvent): void;
  journal: CallJournal;
  metrics: BridgeMetrics;
};

/**
 * Barge-in: the caller talks over the agent. Twilio's buffer is cleared, the response in progress
 * cancelled, and the item truncated to the audio the caller heard, so the model's memory matches
 * the call; the item's transcript is cut in the same proportion when it arrives.
 */
export class BargeIn {
  private readonly deps: BargeInDeps;
  /** Share of each interrupted item's audio the caller heard. */
  private readonly heardShare = new Map<string, number>();

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

  /** The agent's transcript of an item as the caller heard it: the transcript covers the audio sent. */
  heardTranscript(itemId: string, transcript: string): { text: string; truncated: boolean } {
    const share = this.heardShare.get(itemId);
    if (share === undefined) return { text: transcript, truncated: false };
    const chars = [...transcript];
    return { text: chars.slice(0, Math.round(chars.length * share)).join(""), truncated: true };
  }
}
