import type {
  ConversationItem,
  RealtimeResponse,
  RealtimeResponseStatus,
  RealtimeSessionCreateRequest,
} from "openai/resources/realtime/realtime";
import { speakingDurationMs, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { bytesPerMs, fromMulaw } from "./audio-format.ts";
import { newId } from "./ids.ts";
import type { SimClock } from "./sim-clock.ts";
import type { ServerEventBody } from "./simulator-session.ts";
import { chunkText } from "./text-chunks.ts";
import { responseUsage } from "./usage.ts";

export type ResponsePlan = { kind: "say"; text: string } | { kind: "tool"; name: string; arguments: string };

type CancelReason = NonNullable<RealtimeResponseStatus["reason"]>;

export type ResponseStreamerDeps = {
  plan: ResponsePlan;
  session: RealtimeSessionCreateRequest;
  emit(body: ServerEventBody): void;
  addItem(item: ConversationItem, audioMs: number, transcript: string): void;
  itemRecord(id: string): { audioMs: number; transcript: string } | undefined;
  latencyMs: number;
  firstAudioDelayMs(): number;
  audioChunkMs: number;
  audioPace: number;
  clock: SimClock;
  /** Last touch on each audio chunk before it is sent (benchmark stamps). */
  prepareChunk(chunk: Buffer, seq: number): Buffer;
  usageInput: { instructionsChars: number; inputAudioMs: number; turn: number };
  onAudio(): void;
};

/**
 * Streams one response in the GA event order: `response.created`, the output item, its content
 * (audio deltas paced by the simulator's clock with transcript deltas, or function-call argument deltas), the
 * `.done` events and `response.done` with usage. Cancelling stops it where it is.
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
    const { emit, session } = this.deps;
    const base: RealtimeResponse = {
      id: this.id,
      object: "realtime.response",
      conversation_id: "conv_sim",
      output_modalities: session.output_modalities ?? ["audio"],
      audio: { output: { format: session.audio?.output?.format, voice: voiceName(session) } },
      max_output_tokens: session.max_output_tokens ?? "inf",
    };
    emit({ type: "response.created", response: { ...base, status: "in_progress", output: [] } });
    const output = await (this.deps.plan.kind === "tool"
      ? this.streamToolCall(this.deps.plan)
      : this.streamSpeech(this.deps.plan.text));
    const cancelled = this.abort.signal.aborted && this.cancelReason !== null;
    // Aborted without a reason: the socket is gone, there is nobody to tell.
    if (this.abort.signal.aborted && this.cancelReason === null) return;
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
    emit({
      type: "rate_limits.updated",
      rate_limits: [
        { name: "requests", limit: 5000, remaining: 4999, reset_seconds: 0.012 },
        { name: "tokens", limit: 800_000, remaining: 795_000, reset_seconds: 0.375 },
      ],
    });
  }

  private async wait(ms: number): Promise<boolean> {
    if (ms <= 0) return !this.abort.signal.aborted;
    return this.deps.clock.sleep(ms, this.abort.signal);
  }

  private async streamToolCall(plan: { name: string; arguments: string }) {
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
    await this.wait(this.deps.latencyMs);
    emit({ type: "response.output_item.added", response_id: this.id, output_index: 0, item });
    this.deps.addItem(item, 0, "");
    let sent = "";
    const pieces = chunkText(plan.arguments, 3);
    for (const delta of pieces) {
      if (this.abort.signal.aborted) break;
      emit({ type: "response.function_call_arguments.delta", ...at, call_id: callId, delta });
      sent += delta;
      await this.wait(5);
    }
    const complete = sent === plan.arguments;
    if (complete)
      emit({
        type: "response.function_call_arguments.done",
        ...at,
        call_id: callId,
        name: plan.name,
        arguments: sent,
      });
    const done: ConversationItem = {
      ...item,
      status: complete ? "completed" : "incomplete",
      arguments: sent,
    };
    emit({ type: "response.output_item.done", response_id: this.id, output_index: 0, item: done });
    emit({ type: "conversation.item.done", item: done, previous_item_id: null });
    return { item: done, audioMs: 0, text: sent };
  }

  private async streamSpeech(text: string) {
    const { emit, session } = this.deps;
    const itemId = newId("item");
    this.itemId = itemId;
    const at = { response_id: this.id, item_id: itemId, output_index: 0, content_index: 0 };
    const format = session.audio?.output?.format;
    const speed = session.audio?.output?.speed ?? 1;
    const audio = fromMulaw(synthesizeSpeech(speakingDurationMs(text, speed), text.length), format);
    const chunkBytes = this.deps.audioChunkMs * bytesPerMs(format);
    const chunks = Math.ceil(audio.length / chunkBytes);
    const transcriptPieces = chunkText(text, chunks);
    const item: ConversationItem = {
      id: itemId,
      object: "realtime.item",
      type: "message",
      role: "assistant",
      status: "in_progress",
      content: [],
    };

    await this.wait(this.deps.latencyMs);
    emit({ type: "response.output_item.added", response_id: this.id, output_index: 0, item });
    this.deps.addItem(item, 0, "");
    emit({ type: "response.content_part.added", ...at, part: { type: "audio", transcript: "" } });

    const record = this.deps.itemRecord(itemId);
    let transcript = "";
    let audioMs = 0;
    const { clock } = this.deps;
    const started = clock.now();
    for (let i = 0; i < chunks; i++) {
      const extraDelay = i === 0 ? this.deps.firstAudioDelayMs() : 0;
      // Pacing: chunk i leaves at i × chunk duration after the first (divided by the pace).
      const due = (i * this.deps.audioChunkMs) / this.deps.audioPace + extraDelay - (clock.now() - started);
      if (!(await this.wait(due))) break;
      const chunk = this.deps.prepareChunk(audio.subarray(i * chunkBytes, (i + 1) * chunkBytes), i);
      emit({ type: "response.output_audio.delta", ...at, delta: chunk.toString("base64") });
      this.deps.onAudio();
      audioMs += chunk.length / bytesPerMs(format);
      const piece = transcriptPieces[i] ?? "";
      transcript += piece;
      if (record) {
        record.audioMs = audioMs;
        record.transcript = transcript;
      }
      if (piece) emit({ type: "response.output_audio_transcript.delta", ...at, delta: piece });
    }
    if (this.truncated && record) {
      audioMs = record.audioMs;
      transcript = record.transcript;
    }
    const complete = !this.abort.signal.aborted;
    emit({ type: "response.output_audio.done", ...at });
    emit({ type: "response.output_audio_transcript.done", ...at, transcript });
    emit({ type: "response.content_part.done", ...at, part: { type: "audio", transcript } });
    const done: ConversationItem = {
      ...item,
      status: complete ? "completed" : "incomplete",
      content: [{ type: "output_audio", transcript }],
    };
    emit({ type: "response.output_item.done", response_id: this.id, output_index: 0, item: done });
    emit({ type: "conversation.item.done", item: done, previous_item_id: null });
    return { item: done, audioMs, text: transcript };
  }
}

function voiceName(session: RealtimeSessionCreateRequest): string | undefined {
  const voice = session.audio?.output?.voice;
  return typeof voice === "string" ? voice : voice?.id;
}
