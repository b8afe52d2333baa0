/** The two G.711 codecs (μ-law, A-law) differ only in how one sample maps to one byte. */
export type G711Codec = {
  encode(samples: ArrayLike<number>): Buffer;
  decode(bytes: Uint8Array): Int16Array;
};

/** A whole-buffer codec from its one-sample encoder and its 256-entry decode table. */
export function g711Codec(encodeSample: (sample: number) => number, decodeTable: Int16Array): G711Codec {
  return {
    encode(samples) {
      const out = Buffer.alloc(samples.length);
      for (let i = 0; i < samples.length; i++) out[i] = encodeSample(samples[i] ?? 0);
      return out;
    },
    decode(bytes) {
      const out = new Int16Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) out[i] = decodeTable[bytes[i] ?? 0] ?? 0;
      return out;
    },
  };
}
