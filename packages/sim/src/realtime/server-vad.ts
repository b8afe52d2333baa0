import { decodeSample } from "../audio/mulaw.ts";

export type ServerVadConfig = {
  /** 0–1 like the GA API: higher needs louder audio to count as speech. */
  threshold: number;
  prefixPaddingMs: number;
  silenceDurationMs: number;
};

export type VadEvent =
  /** `audio_start_ms`: speech onset less the prefix padding (the start of audio sent to the model). */
  | { type: "speech_started"; audioStartMs: number }
  /** `audio_end_ms`: speech offset plus the silence duration (the end of audio sent to the model). */
  | { type: "speech_stopped"; audioEndMs: number };

const FRAME_MS = 10;
const FRAME_SAMPLES = FRAME_MS * 8;

/** Level in dBFS a 10 ms frame must exceed to count as speech: threshold 0.5 → −40 dBFS. */
export function thresholdDbfs(threshold: number): number {
  return -70 + threshold * 60;
}

/**
 * Energy-based voice activity detection on μ-law 8 kHz audio, in the GA server VAD's terms.
 * Positions are milliseconds of audio appended since the session started, not wall-clock time.
 */
export class ServerVad {
  private config: ServerVadConfig;
  private frame = new Int16Array(FRAME_SAMPLES);
  private frameFill = 0;
  private framesSeen = 0;
  private speaking = false;
  private lastSpeechEndMs = 0;

  constructor(config: ServerVadConfig) {
    this.config = config;
  }

  configure(config: ServerVadConfig): void {
    this.config = config;
  }

  /** Milliseconds of audio processed so far. */
  get positionMs(): number {
    return this.framesSeen * FRAME_MS + this.frameFill / 8;
  }

  get isSpeaking(): boolean {
    return this.speaking;
  }

  push(mulaw: Uint8Array): VadEvent[] {
    const events: VadEvent[] = [];
    for (const byte of mulaw) {
      this.frame[this.frameFill++] = decodeSample(byte);
      if (this.frameFill === FRAME_SAMPLES) {
        const event = this.onFrame();
        if (event) events.push(event);
        this.frameFill = 0;
      }
    }
    return events;
  }

  /** Forget any speech in progress (input_audio_buffer.clear); the audio clock keeps running. */
  reset(): void {
    this.speaking = false;
  }

  private onFrame(): VadEvent | null {
    const startMs = this.framesSeen * FRAME_MS;
    this.framesSeen++;
    const endMs = startMs + FRAME_MS;
    const isSpeech = frameDbfs(this.frame) > thresholdDbfs(this.config.threshold);
    if (isSpeech) {
      this.lastSpeechEndMs = endMs;
      if (!this.speaking) {
        this.speaking = true;
        return { type: "speech_started", audioStartMs: Math.max(0, startMs - this.config.prefixPaddingMs) };
      }
      return null;
    }
    if (this.speaking && endMs - this.lastSpeechEndMs >= this.config.silenceDurationMs) {
      this.speaking = false;
      return { type: "speech_stopped", audioEndMs: this.lastSpeechEndMs + this.config.silenceDurationMs };
    }
    return null;
  }
}

function frameDbfs(frame: Int16Array): number {
  let sum = 0;
  for (const s of frame) sum += s * s;
  const rms = Math.sqrt(sum / frame.length) / 32_768;
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}
