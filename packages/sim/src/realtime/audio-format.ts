import type { RealtimeAudioFormats } from "openai/resources/realtime/realtime";
import * as alaw from "../audio/alaw.ts";
import { decode, encode } from "../audio/mulaw.ts";

/** Bytes per millisecond of a GA audio format: μ-law/A-law 8 kHz 8-bit, PCM 24 kHz 16-bit. */
export function bytesPerMs(format: RealtimeAudioFormats | undefined): number {
  return format?.type === "audio/pcm" ? 48 : 8;
}

/** Converts simulator μ-law audio to the session's output format. */
export function fromMulaw(mulaw: Buffer, format: RealtimeAudioFormats | undefined): Buffer {
  if (format?.type === "audio/pcma") return alaw.encode(decode(mulaw));
  if (format?.type !== "audio/pcm") return mulaw;
  // 8 → 24 kHz by repeating samples: crude, but the point is the byte layout a client must expect.
  const pcm8k = decode(mulaw);
  const out = Buffer.alloc(pcm8k.length * 6);
  pcm8k.forEach((sample, i) => {
    for (let k = 0; k < 3; k++) out.writeInt16LE(sample, (i * 3 + k) * 2);
  });
  return out;
}

/** Converts client audio in the session's input format to μ-law 8 kHz for the VAD. */
export function toMulaw(audio: Buffer, format: RealtimeAudioFormats | undefined): Buffer {
  if (format?.type === "audio/pcma") return encode(alaw.decode(audio));
  if (format?.type !== "audio/pcm") return audio;
  const samples = new Int16Array(Math.floor(audio.length / 6));
  for (let i = 0; i < samples.length; i++) samples[i] = audio.readInt16LE(i * 6);
  return encode(samples);
}
