import wavefile from "wavefile";

// wavefile is CommonJS: its class comes from the default export.
const { WaveFile } = wavefile;

/** Twilio's media stream format: 8 kHz mono G.711 μ-law. */
const TELEPHONE_RATE = 8000;

function mulawSamples(wav: InstanceType<typeof WaveFile>): Buffer {
  wav.toSampleRate(TELEPHONE_RATE);
  wav.toMuLaw();
  const { samples } = wav.data as { samples: Uint8Array };
  return Buffer.from(samples);
}

/**
 * A recorded WAV (any sample rate, bit depth or channel count wavefile reads) as Twilio would
 * send it: 8 kHz mono μ-law. Channels are averaged to mono; wavefile does the resampling (with
 * its low-pass filter) and the G.711 encoding.
 */
export function wavToMulaw(file: Uint8Array): Buffer {
  const wav = new WaveFile(file);
  const { numChannels, sampleRate } = wav.fmt as { numChannels: number; sampleRate: number };
  wav.toBitDepth("32f");
  const channels = numChannels > 1 ? (wav.getSamples(false) as unknown as Float64Array[]) : null;
  const mono = channels
    ? Float64Array.from(
        channels[0] ?? [],
        (_, i) => channels.reduce((sum, c) => sum + (c[i] ?? 0), 0) / channels.length,
      )
    : (wav.getSamples(false) as Float64Array);
  const single = new WaveFile();
  single.fromScratch(1, sampleRate, "32f", mono);
  single.toBitDepth("16");
  return mulawSamples(single);
}

/** Raw 16-bit little-endian mono PCM (OpenAI's speech `pcm` format is 24 kHz) as 8 kHz μ-law. */
export function pcm16ToMulaw(pcm: Uint8Array, sampleRate: number): Buffer {
  const samples = new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + (pcm.byteLength & ~1)));
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRate, "16", samples);
  return mulawSamples(wav);
}
