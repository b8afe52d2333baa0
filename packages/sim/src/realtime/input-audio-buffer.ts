import type {
  RealtimeAudioInputTurnDetection,
  RealtimeSessionCreateRequest,
} from "openai/resources/realtime/realtime";
import { readStamp, stampClock } from "../audio/frame-stamp.ts";
import { bytesPerMs, toMulaw } from "./audio-format.ts";
import type { ClientEventError } from "./client-events.ts";
import type { Conversation } from "./conversation.ts";
import { newId } from "./ids.ts";
import { ServerVad, type ServerVadConfig } from "./server-vad.ts";
import type { Emit, SimulatorStats } from "./session-events.ts";
import { emitUserTurn } from "./user-turn.ts";

export type InputAudioBufferDeps = {
  emit: Emit;
  error(error: ClientEventError): void;
  /** The session's configuration as it is now (input format, turn detection, transcription). */
  session(): RealtimeSessionCreateRequest;
  conversation: Conversation;
  /** What the caller said in the turn being committed (its transcript). */
  nextCallerLine(): string;
  /** Transcribes a committed turn (the session decides when it finishes). */
  transcribe(itemId: string, transcript: string): void;
  /** Server VAD heard the caller start talking. */
  onSpeechStarted(turnDetection: RealtimeAudioInputTurnDetection): void;
  /** Server VAD ended the caller's turn and committed it. */
  onTurnEnded(turnDetection: RealtimeAudioInputTurnDetection): void;
  stats: SimulatorStats;
  /** Benchmark mode: time the stamped audio received. */
  stampAudio: boolean;
};

const MIN_COMMIT_MS = 100;

/** The server VAD's settings from a session's turn detection (the GA defaults where unset). */
function vadConfig(session: RealtimeSessionCreateRequest): ServerVadConfig {
  const td = session.audio?.input?.turn_detection;
  const vad = td?.type === "server_vad" ? td : undefined;
  return {
    threshold: vad?.threshold ?? 0.5,
    prefixPaddingMs: vad?.prefix_padding_ms ?? 300,
    silenceDurationMs: vad?.silence_duration_ms ?? 500,
  };
}

/** The most audio one `input_audio_buffer.append` may carry, as the API documents. */
export const MAX_APPEND_BYTES = 15 * 1024 * 1024;

/**
 * The session's input audio buffer: appended audio, server-side turn detection over it, and the
 * commit that turns it into a user message (by VAD or by `input_audio_buffer.commit`).
 */
export class InputAudioBuffer {
  private readonly deps: InputAudioBufferDeps;
  private readonly vad: ServerVad;
  private pendingUserItemId: string | null = null;
  private bufferedMs = 0;
  private sinceLastResponseMs = 0;

  constructor(deps: InputAudioBufferDeps) {
    this.deps = deps;
    this.vad = new ServerVad(vadConfig(deps.session()));
  }

  /** The session was updated: a server VAD takes its new settings. */
  configure(session: RealtimeSessionCreateRequest): void {
    if (session.audio?.input?.turn_detection?.type === "server_vad") this.vad.configure(vadConfig(session));
  }

  /** Input audio appended since the last response started (what that response is billed for). */
  takeAudioSinceLastResponse(): number {
    const ms = this.sinceLastResponseMs;
    this.sinceLastResponseMs = 0;
    return ms;
  }

  /** `input_audio_buffer.append`: its base64 audio, refused above the API's size limit. */
  appendEvent(base64: string, eventId: string | null): void {
    const audio = Buffer.from(base64, "base64");
    if (audio.length > MAX_APPEND_BYTES) {
      return this.deps.error({
        code: "invalid_value",
        message: `Invalid 'audio': an append may carry at most 15 MiB of audio, got ${audio.length} bytes.`,
        param: "audio",
        eventId,
      });
    }
    this.append(audio);
  }

  append(audio: Buffer): void {
    const { stats } = this.deps;
    stats.appendsReceived++;
    if (this.deps.stampAudio) {
      const stamp = readStamp(audio);
      if (stamp) stats.inboundLatenciesMs.push(stampClock() - stamp.sentAt);
    }
    const input = this.deps.session().audio?.input;
    const ms = audio.length / bytesPerMs(input?.format);
    this.bufferedMs += ms;
    this.sinceLastResponseMs += ms;
    const td = input?.turn_detection;
    // Semantic VAD is simulated by the same energy detector; only server-side detection matters here.
    if (!td) return;
    for (const vadEvent of this.vad.push(toMulaw(audio, input?.format))) {
      if (vadEvent.type === "speech_started") {
        this.pendingUserItemId = newId("item");
        this.deps.emit({
          type: "input_audio_buffer.speech_started",
          audio_start_ms: vadEvent.audioStartMs,
          item_id: this.pendingUserItemId,
        });
        this.deps.onSpeechStarted(td);
      } else {
        const itemId = this.pendingUserItemId ?? newId("item");
        this.deps.emit({
          type: "input_audio_buffer.speech_stopped",
          audio_end_ms: vadEvent.audioEndMs,
          item_id: itemId,
        });
        this.commitTurn(itemId);
        this.deps.onTurnEnded(td);
      }
    }
  }

  commit(eventId: string | null): void {
    if (this.bufferedMs < MIN_COMMIT_MS) {
      return this.deps.error({
        code: "input_audio_buffer_commit_empty",
        message: `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${this.bufferedMs.toFixed(2)}ms of audio.`,
        param: null,
        eventId,
      });
    }
    this.commitTurn(this.pendingUserItemId ?? newId("item"));
  }

  clear(): void {
    this.bufferedMs = 0;
    this.pendingUserItemId = null;
    this.vad.reset();
    this.deps.emit({ type: "input_audio_buffer.cleared" });
  }

  /** The buffered audio becomes a user message; its transcript is the scenario's next caller line. */
  private commitTurn(itemId: string): void {
    this.pendingUserItemId = null;
    this.bufferedMs = 0;
    const transcript = this.deps.nextCallerLine();
    emitUserTurn(this.deps.conversation, this.deps.emit, itemId);
    if (this.deps.session().audio?.input?.transcription) this.deps.transcribe(itemId, transcript);
  }
}
