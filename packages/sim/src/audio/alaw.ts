/** G.711 A-law, the 8 kHz telephone codec outside North America and Japan, GA's `audio/pcma`. */
import { g711Codec } from "./g711.ts";

/** One 16-bit linear PCM sample → one A-law byte. */
export function encodeSample(sample: number): number {
  let s = Math.max(-32_768, Math.min(32_767, Math.round(sample))) >> 3;
  const sign = s >= 0 ? 0x80 : 0;
  if (!sign) s = -s - 1;
  let exponent = 0;
  while (s > 0x1f && exponent < 7) {
    s >>= 1;
    exponent++;
  }
  const mantissa = exponent === 0 ? s >> 1 : s & 0x0f;
  return (sign | (exponent << 4) | mantissa) ^ 0x55;
}

function decodeByte(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

const DECODE_TABLE = Int16Array.from({ length: 256 }, (_, byte) => decodeByte(byte));

export const { encode, decode } = g711Codec(encodeSample, DECODE_TABLE);
