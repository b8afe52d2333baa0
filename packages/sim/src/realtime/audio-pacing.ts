/**
 * How response audio is delivered. The API sends a response's audio faster than real time, in
 * bursts; a client must play it out (and truncate) by what was played, not by what arrived.
 */
export type AudioPacing = {
  /** Audio per `response.output_audio.delta` (ms). */
  chunkMs: number;
  /** Delivery speed relative to real time (1: real time). */
  pace: number;
  /** Audio sent back to back as one burst (ms); at most `chunkMs`: evenly paced chunks. */
  burstMs: number;
};

/** The API's way: bursts of half a second of audio, four times faster than real time. */
export const API_PACING: AudioPacing = { chunkMs: 40, pace: 4, burstMs: 500 };

/** When chunk `i` is due, in ms after the first: at the start of its burst, divided by the pace. */
export function audioDueMs(pacing: AudioPacing, i: number): number {
  const audioAt = i * pacing.chunkMs;
  const sentAt =
    pacing.burstMs > pacing.chunkMs ? Math.floor(audioAt / pacing.burstMs) * pacing.burstMs : audioAt;
  return sentAt / pacing.pace;
}
