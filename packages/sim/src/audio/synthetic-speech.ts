import { encode } from "./mulaw.ts";

/** 8 kHz: 8 samples (bytes of μ-law) per millisecond. */
export const SAMPLES_PER_MS = 8;

/** Roughly how long a Japanese line takes to say: about 8 morae a second, one kana or kanji ≈ one mora. */
export function speakingDurationMs(text: string, speed = 1): number {
  const morae = [...text.replace(/[\s、。！？!?,.「」]/g, "")].length;
  return Math.round(Math.max(500, morae * 125) / speed);
}

/**
 * Speech-like μ-law audio: a voiced tone (fundamental plus harmonics) whose pitch drifts and whose
 * loudness rises and falls in syllables of about 150 ms, never dropping to silence inside the
 * utterance. Deterministic for a given seed; loud enough (≈ −14 dBFS RMS) for any VAD.
 */
export function synthesizeSpeech(durationMs: number, seed = 1): Buffer {
  const key = `${durationMs}:${seed}`;
  const cached = speechCache.get(key);
  if (cached) return cached;
  const speech = renderSpeech(durationMs, seed);
  if (speechCache.size >= SPEECH_CACHE_SIZE) speechCache.delete(speechCache.keys().next().value ?? "");
  speechCache.set(key, speech);
  return speech;
}

/**
 * Rendered lines by duration and seed: every simulated call of a benchmark says the same lines, and
 * rendering them was a tenth of the simulators' CPU. Callers read these buffers, never write them.
 */
const speechCache = new Map<string, Buffer>();
const SPEECH_CACHE_SIZE = 256;

function renderSpeech(durationMs: number, seed: number): Buffer {
  const n = Math.round(durationMs * SAMPLES_PER_MS);
  const samples = new Float64Array(n);
  const f0 = 110 + (seed % 7) * 15;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / 8000;
    const pitch = f0 * (1 + 0.08 * Math.sin(2 * Math.PI * 0.7 * t + seed));
    phase += (2 * Math.PI * pitch) / 8000;
    const syllable = 0.65 + 0.35 * Math.sin(2 * Math.PI * (1000 / 150) * t + seed);
    // Fade in and out over 10 ms so onsets and offsets are where they are said to be.
    const edge = Math.min(1, i / 80, (n - 1 - i) / 80);
    const voiced = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase);
    samples[i] = 9000 * syllable * edge * voiced;
  }
  return encode(samples);
}

/** Line noise well below speech (≈ −66 dBFS), so silence is not digital zero. */
export function synthesizeSilence(durationMs: number, seed = 1): Buffer {
  const n = Math.round(durationMs * SAMPLES_PER_MS);
  const samples = new Float64Array(n);
  let state = seed * 2_654_435_761;
  for (let i = 0; i < n; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    samples[i] = ((state / 0xffff_ffff) * 2 - 1) * 16;
  }
  return encode(samples);
}
