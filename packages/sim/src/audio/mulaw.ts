/** G.711 μ-law, the 8 kHz telephone codec Twilio streams and the GA API's `audio/pcmu`. */
import { g711Codec } from "./g711.ts";

const BIAS = 0x84;
const CLIP = 32_635;

/** One 16-bit linear PCM sample → one μ-law byte. */
export function encodeSample(sample: number): number {
  let s = Math.max(-32_768, Math.min(32_767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > CLIP) s = CLIP;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function decodeByte(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return sign ? -magnitude : magnitude;
}

const DECODE_TABLE = Int16Array.from({ length: 256 }, (_, byte) => decodeByte(byte));

/** μ-law byte → 16-bit linear PCM sample. */
export function decodeSample(byte: number): number {
  return DECODE_TABLE[byte & 0xff] ?? 0;
}

export const { encode, decode } = g711Codec(encodeSample, DECODE_TABLE);

/** The μ-law byte for digital silence (linear 0). */
export const MULAW_SILENCE = encodeSample(0);
