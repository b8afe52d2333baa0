import type {
  ConversationItem,
  RealtimeConversationItemAssistantMessage,
  RealtimeResponse,
  RealtimeResponseStatus,
} from "openai/resources/realtime/realtime";
import { speakingDurationMs, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { bytesPerMs, fromMulaw } from "./audio-format.ts";
import { type AudioPacing, audioDueMs } from "./audio-pacing.ts";
import type { Conversation } from "./conversation.ts";
import { newId } from "./ids.ts";
import type { ResponseConfig } from "./response-config.ts";
import type { Emit } from "./session-events.ts";
import type { SimClock } from "./sim-clock.ts";
import { chunkText } from "./text-chunks.ts";
import { responseUsage } from "./usage.ts";

export type ResponsePlan = { kind: "say"; text: string } | { kind: "tool"; name: string; arguments: string };

type CancelReason = NonNullable<RealtimeResponseStatus["reason"]>;

export type ResponseStreamerDeps = {
  plan: ResponsePlan;
  config: ResponseConfig;
  emit: Emit;
  /** The default conversation the response's item joins (not when the response is out of band). */
  conversation: Conversation;
  latencyMs: number;
  firstAudioDelayMs(): number;
  pacing: AudioPacing;
  clock: SimClock;
  /** Last touch on each audio chunk before it is sent (benchmark stamps). */
  prepareChunk(chunk: Buffer, seq: number): Buffer;
  usageInput: { instructionsChars: number; inputAudioMs: number; turn: number };
  onAudio(): void;
};

type Streamed = { item: ConversationItem; audioMs: number; text: string };

/**
 * Streams one response in the GA event order: `response.created` and the rate limits, the output
 * item, its content (audio deltas paced by the simulator's clock with transcript deltas, text
 * deltas, or function-call argument deltas), the `.done` events and `response.done` with usage.
 * Cancelling stops it where it is.
 */
export class ResponseStreamer {
  readonly id = newId("resp");
  private readonly abort = new AbortController();
  private cancelReason: CancelReason | null = null;
  private truncated = false;
  private itemId: string | null = null;

  private readonly deps: ResponseStreamerDeps;

  constructor(deps: ResponseStreamerDeps) {
    this.deps = deps;
  }

  cancel(reason: CancelReason, announce = true): void {
    if (this.abort.signal.aborted) return;
    this.cancelReason = announce ? reason : null;
    this.abort.abort();
  }

  /** The client truncated this response's item while it streamed: stop at what was heard. */
  truncate(itemId: string): void {
    if (this.itemId !== itemId) return;
    this.truncated = true;
    this.cancel("client_cancelled");
  }

  async run(): Promise<void> {
    const { emit, config, plan } = this.deps;
    const base: RealtimeResponse = {
      id: this.id,
      object: "realtime.response",
      ...(config.outOfBand ? {} : { conversation_id: "conv_sim" }),
      output_modalities: config.outputModalities,
      audio: { output: { format: config.format, voice: config.voice } },
      max_output_tokens: config.maxOutputTokens,
      metadata: config.metadata,
    };
    emit({ type: "response.created", response: { ...base, status: "in_progress", output: [] } });
    emit({
      type: "rate_limits.updated",
      rate_limits: [
        { name: "requests", limit: 5000, remaining: 4999, reset_seconds: 0.012 },
        { name: "tokens", limit: 800_000, remaining: 795_000, reset_seconds: 0.375 },
      ],
    });
    const output = await (plan.kind === "tool"
      ? this.streamToolCall(plan)
      : config.outputModalities.includes("audio")
        ? this.streamSpeech(plan.text)
        : this.streamText(plan.text));
    // Aborted without a reason: the socket is gone, there is nobody to tell.
    if (this.abort.signal.aborted && this.cancelReason === null) return;
    const cancelled = this.abort.signal.aborted;
    emit({
      type: "response.done",
      response: {
        ...base,
        status: cancelled ? "cancelled" : "completed",
        status_details: cancelled
          ? { type: "cancelled", reason: this.cancelReason ?? "client_cancelled" }
          : undefined,
        output: [output.item],
        usage: responseUsage(this.deps.usageInput, { audioMs: output.audioMs, text: output.text }),
      },
    });
  }

  private async wait(ms: number): Promise<boolean> {
    if (ms <= 0) return !this.abort.signal.aborted;
    return this.deps.clock.sleep(ms, this.abort.signal);
  }

  /** Announces the output item (to the conversation too, unless out of band) after the model's latency. */
  private async begin(item: ConversationItem): Promise<void> {
    await this.wait(this.deps.latencyMs);
    this.deps.emit({ type: "response.output_item.added", response_id: this.id, output_index: 0, item });
    if (!this.deps.config.outOfBand) this.deps.conversation.add(item);
  }

  private finish(item: ConversationItem, audioMs: number, text: string): Streamed {
    this.deps.emit({ type: "response.output_item.done", response_id: this.id, output_index: 0, item });
    if (!this.deps.config.outOfBand) this.deps.conversation.done(item);
    return { item, audioMs, text };
  }

  private async streamToolCall(plan: { name: string; arguments: string }): Promise<Streamed> {
    const { emit } = this.deps;
    const itemId = newId("item");
    const callId = newId("call");
    const at = { response_id: this.id, item_id: itemId, output_index: 0 };
    const item: ConversationItem = {
      id: itemId,
      object: "realtime.item",
      type: "function_call",
      status: "in_progress",
      name: plan.name,
      call_id: callId,
      arguments: "",
    };
    await this.begin(item);
    let sent = "";
    for (const delta of chunkText(plan.arguments, 3)) {
      if (this.abort.signal.aborted) break;
      emit({ type: "response.function_call_arguments.delta", ...at, call_id: callId, delta });
      sent += delta;
      await this.wait(5);
    }
    const complete = sent === plan.arguments;
    if (complete) {
      emit({
        type: "response.function_call_arguments.done",
        ...at,
        call_id: callId,
        name: plan.name,
        arguments: sent,
      });
    }
    return this.finish({ ...item, status: complete ? "completed" : "incomplete", arguments: sent }, 0, sent);
  }

  private async streamText(text: string): Promise<Streamed> {
    const { emit } = this.deps;
    const itemId = newId("item");
    const at = { response_id: this.id, item_id: itemId, output_index: 0, content_index: 0 };
    const item = assistantMessage(itemId);
    await this.begin(item);
    emit({ type: "response.content_part.added", ...at, part: { type: "text", text: "" } });
    let sent = "";
    for (const delta of chunkText(text, Math.ceil(text.length / 8))) {
      if (!(await this.wait(5))) break;
      emit({ type: "response.output_text.delta", ...at, delta });
      sent += delta;
    }
    emit({ type: "response.output_text.done", ...at, text: sent });
    emit({ type: "response.content_part.done", ...at, part: { type: "text", text: sent } });
    const status = this.abort.signal.aborted ? "incomplete" : "completed";
    return this.finish({ ...item, status, content: [{ type: "output_text", text: sent }] }, 0, sent);
  }

  private async streamSpeech(text: string): Promise<Streamed> {
    const { emit, config, pacing } = this.deps;
    const itemId = newId("item");
    this.itemId = itemId;
    const at = { response_id: this.id, item_id: itemId, output_index: 0, content_index: 0 };
    const audio = fromMulaw(
      synthesizeSpeech(speakingDurationMs(text, config.speed), text.length),
      config.format,
    );
    const chunkBytes = pacing.chunkMs * bytesPerMs(config.format);
    const chunks = Math.ceil(audio.length / chunkBytes);
    const transcriptPieces = chunkText(text, chunks);
    const item = assistantMessage(itemId);
    await this.begin(item);
    emit({ type: "response.content_part.added", ...at, part: { type: "audio", transcript: "" } });

    const record = this.deps.conversation.record(itemId);
    let transcript = "";
    let audioMs = 0;
    const { clock } = this.deps;
    const started = clock.now();
    for (let i = 0; i < chunks; i++) {
      const extraDelay = i === 0 ? this.deps.firstAudioDelayMs() : 0;
      if (!(await this.wait(audioDueMs(pacing, i) + extraDelay - (clock.now() - started)))) break;
      const chunk = this.deps.prepareChunk(audio.subarray(i * chunkBytes, (i + 1) * chunkBytes), i);
      emit({ type: "response.output_audio.delta", ...at, delta: chunk.toString("base64") });
      this.deps.onAudio();
      audioMs += chunk.length / bytesPerMs(config.format);
      if (record) record.audioMs = audioMs;
      const piece = transcriptPieces[i] ?? "";
      transcript += piece;
      if (piece) emit({ type: "response.output_audio_transcript.delta", ...at, delta: piece });
    }
    // A truncated item keeps the audio heard and, as with the API, no transcript.
    if (this.truncated) {
      audioMs = record?.audioMs ?? audioMs;
      transcript = "";
    }
    const status = this.abort.signal.aborted ? "incomplete" : "completed";
    emit({ type: "response.output_audio.done", ...at });
    emit({ type: "response.output_audio_transcript.done", ...at, transcript });
    emit({ type: "response.content_part.done", ...at, part: { type: "audio", transcript } });
    return this.finish(
      { ...item, status, content: [{ type: "output_audio", transcript }] },
      audioMs,
      transcript,
    );
  }
}

/** An assistant message as a response starts it: in progress, its content still to come. */
function assistantMessage(id: string): RealtimeConversationItemAssistantMessage {
  return {
    id,
    object: "realtime.item",
    type: "message",
    role: "assistant",
    status: "in_progress",
    content: [],
  };
}
