import type { RealtimeAudioFormats } from "openai/resources/realtime/realtime";
import OpusScript from "opusscript";
import { RtpHeader, RtpPacket } from "werift";
import { decode as decodeMulaw, encode as encodeMulaw } from "../audio/mulaw.ts";

/** WebRTC's Opus frame; its RTP clock runs at 48 kHz whatever rate the audio was coded at. */
const FRAME_MS = 20;
const RTP_TICKS_PER_FRAME = 48 * FRAME_MS;

/** The PCM rate matching a session format: 24 kHz for `audio/pcm`, 8 kHz for the G.711 ones. */
function pcmRate(format: RealtimeAudioFormats | undefined): 8000 | 24000 {
  return format?.type === "audio/pcm" ? 24_000 : 8000;
}

function toPcm16(audio: Buffer, format: RealtimeAudioFormats | undefined): Buffer {
  if (format?.type === "audio/pcm") return audio;
  const samples = decodeMulaw(audio);
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

function fromPcm16(pcm: Buffer, format: RealtimeAudioFormats | undefined): Buffer {
  if (format?.type === "audio/pcm") return pcm;
  const samples = new Int16Array(pcm.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = pcm.readInt16LE(i * 2);
  return encodeMulaw(samples);
}

/**
 * The session's output audio (in its own format) as Opus over RTP, paced in real time: one 20 ms
 * frame per tick however fast the response streams, as a media server plays it out.
 */
export class OpusPlayout {
  private readonly encoder: OpusScript;
  private readonly frameBytes: number;
  private readonly timer: NodeJS.Timeout;
  private queue = Buffer.alloc(0);
  private idleTicks = 0;
  private sequenceNumber = 0;
  private timestamp = 0;
  private drainWaiters: Array<() => void> = [];
  private readonly format: RealtimeAudioFormats | undefined;
  private readonly send: (packet: RtpPacket) => void;

  constructor(format: RealtimeAudioFormats | undefined, send: (packet: RtpPacket) => void) {
    this.format = format;
    this.send = send;
    const rate = pcmRate(format);
    this.encoder = new OpusScript(rate, 1, OpusScript.Application.VOIP);
    this.frameBytes = (rate / 1000) * FRAME_MS * 2;
    this.timer = setInterval(() => this.tick(), FRAME_MS);
    this.timer.unref();
  }

  push(audio: Buffer): void {
    this.queue = Buffer.concat([this.queue, toPcm16(audio, this.format)]);
    this.idleTicks = 0;
  }

  /** Drops what has not been played yet (the caller interrupted). */
  clear(): void {
    this.queue = Buffer.alloc(0);
    this.wakeDrainWaiters();
  }

  /** Resolves once everything pushed so far has been sent. */
  drained(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  close(): void {
    clearInterval(this.timer);
    this.clear();
    this.encoder.delete();
  }

  private tick(): void {
    if (this.queue.length === 0) return;
    // A partial frame waits one tick for the rest of its audio, then goes out padded with silence.
    if (this.queue.length < this.frameBytes && this.idleTicks++ < 1) return;
    const frame = Buffer.alloc(this.frameBytes);
    this.queue.copy(frame, 0, 0, this.frameBytes);
    this.queue = this.queue.subarray(Math.min(this.frameBytes, this.queue.length));
    const header = new RtpHeader({
      sequenceNumber: this.sequenceNumber,
      timestamp: this.timestamp,
      marker: false,
    });
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + RTP_TICKS_PER_FRAME) >>> 0;
    this.send(new RtpPacket(header, this.encoder.encode(frame, this.frameBytes / 2)));
    if (this.queue.length === 0) this.wakeDrainWaiters();
  }

  private wakeDrainWaiters(): void {
    for (const wake of this.drainWaiters.splice(0)) wake();
  }
}

/** The caller's Opus frames, decoded to the session's input format for its VAD. */
export class OpusListener {
  private readonly decoder: OpusScript;
  private readonly format: RealtimeAudioFormats | undefined;

  constructor(format: RealtimeAudioFormats | undefined) {
    this.format = format;
    this.decoder = new OpusScript(pcmRate(format), 1, OpusScript.Application.VOIP);
  }

  decode(payload: Buffer): Buffer {
    return fromPcm16(this.decoder.decode(payload), this.format);
  }

  close(): void {
    this.decoder.delete();
  }
}
