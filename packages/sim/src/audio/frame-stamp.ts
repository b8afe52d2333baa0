/**
 * Benchmark stamps: the start of an audio frame carries a marker, a sequence number and the send
 * time, so the far end can measure how long the frame took through the bridge (which passes audio
 * through untouched). Each data nibble is written as μ-law byte 0xF0 | nibble — a sample within
 * ±30 of silence — so stamped frames stay silent to the VAD: 28 bytes, 3.5 ms of a 20 ms frame.
 */
const DATA_BYTES = 14;
export const STAMP_BYTES = DATA_BYTES * 2;
const MARKER = [0xa5, 0x5a] as const;

/** Milliseconds on a clock every process of this machine shares. */
export function stampClock(): number {
  return performance.timeOrigin + performance.now();
}

export function stampFrame(frame: Buffer, seq: number): Buffer {
  const stamped = Buffer.from(frame);
  if (stamped.length < STAMP_BYTES) return stamped;
  const data = Buffer.alloc(DATA_BYTES);
  data[0] = MARKER[0];
  data[1] = MARKER[1];
  data.writeUInt32BE(seq >>> 0, 2);
  data.writeDoubleBE(stampClock(), 6);
  data.forEach((byte, i) => {
    stamped[2 * i] = 0xf0 | (byte >> 4);
    stamped[2 * i + 1] = 0xf0 | (byte & 0x0f);
  });
  return stamped;
}

export function readStamp(frame: Buffer): { seq: number; sentAt: number } | null {
  if (frame.length < STAMP_BYTES) return null;
  const data = Buffer.alloc(DATA_BYTES);
  for (let i = 0; i < DATA_BYTES; i++) {
    const high = frame[2 * i] ?? 0;
    const low = frame[2 * i + 1] ?? 0;
    if ((high & 0xf0) !== 0xf0 || (low & 0xf0) !== 0xf0) return null;
    data[i] = ((high & 0x0f) << 4) | (low & 0x0f);
  }
  if (data[0] !== MARKER[0] || data[1] !== MARKER[1]) return null;
  return { seq: data.readUInt32BE(2), sentAt: data.readDoubleBE(6) };
}
