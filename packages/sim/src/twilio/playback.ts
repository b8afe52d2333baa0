import { TWILIO_AUDIO } from "@koe/shared";

export type HeardSegment = {
  /** Call time (ms since the stream started) when this stretch of agent audio began playing. */
  startMs: number;
  endMs: number;
  /** The μ-law audio actually played (cut short by a `clear`). */
  audio: Buffer;
};

type Queued = { kind: "audio"; data: Buffer } | { kind: "mark"; name: string };

/**
 * Twilio's playback of a bidirectional stream: audio and marks play in the order they arrive,
 * 8 bytes per millisecond; a mark is echoed when playback reaches it; `clear` drops the audio not
 * yet played and echoes every pending mark at once (as Twilio does).
 */
export class Playback {
  readonly heard: HeardSegment[] = [];
  private queue: Queued[] = [];
  private current: HeardSegment | null = null;
  private readonly echoMark: (name: string) => void;

  constructor(echoMark: (name: string) => void) {
    this.echoMark = echoMark;
  }

  get isPlaying(): boolean {
    return this.queue.some((q) => q.kind === "audio");
  }

  enqueueAudio(data: Buffer): void {
    this.queue.push({ kind: "audio", data });
  }

  enqueueMark(name: string): void {
    this.queue.push({ kind: "mark", name });
    this.flushMarks();
  }

  clear(): void {
    const marks = this.queue.filter((q) => q.kind === "mark");
    this.queue = [];
    this.current = null;
    for (const mark of marks) this.echoMark(mark.name);
  }

  /** Plays `ms` of audio at call time `nowMs`. */
  advance(nowMs: number, ms: number): void {
    let bytes = ms * TWILIO_AUDIO.bytesPerMs;
    while (bytes > 0) {
      this.flushMarks();
      const head = this.queue[0];
      if (head?.kind !== "audio") break;
      const take = Math.min(bytes, head.data.length);
      const played = head.data.subarray(0, take);
      if (!this.current) {
        this.current = { startMs: nowMs, endMs: nowMs, audio: Buffer.alloc(0) };
        this.heard.push(this.current);
      }
      this.current.audio = Buffer.concat([this.current.audio, played]);
      this.current.endMs = this.current.startMs + this.current.audio.length / TWILIO_AUDIO.bytesPerMs;
      bytes -= take;
      if (take === head.data.length) this.queue.shift();
      else head.data = head.data.subarray(take);
    }
    this.flushMarks();
    if (!this.isPlaying) this.current = null;
  }

  private flushMarks(): void {
    while (this.queue[0]?.kind === "mark") {
      const mark = this.queue.shift();
      if (mark?.kind === "mark") this.echoMark(mark.name);
    }
  }
}
