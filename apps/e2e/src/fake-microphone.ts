import { writeFile } from "node:fs/promises";
import { decodeMulaw, synthesizeSilence, synthesizeSpeech } from "@koe/sim";

const RATE = 48_000;
/** The simulator's audio is 8 kHz; Chromium's capture runs at 48 kHz. */
const UPSAMPLE = RATE / 8000;

/**
 * A WAV for Chromium's fake microphone (`--use-file-for-fake-audio-capture`, played in a loop): a
 * long pause, then one utterance of speech-like sound. The pause lets the agent finish its
 * greeting first; the utterance is loud enough for the simulator's VAD after Opus and Chromium's
 * own audio processing.
 */
export async function writeCallerWav(path: string, { pauseMs = 6000, speechMs = 1500, afterMs = 4500 } = {}) {
  const mulaw = Buffer.concat([
    synthesizeSilence(pauseMs),
    synthesizeSpeech(speechMs),
    synthesizeSilence(afterMs),
  ]);
  const samples = decodeMulaw(mulaw);
  const data = Buffer.alloc(samples.length * UPSAMPLE * 2);
  samples.forEach((sample, i) => {
    for (let k = 0; k < UPSAMPLE; k++) data.writeInt16LE(sample, (i * UPSAMPLE + k) * 2);
  });
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  await writeFile(path, Buffer.concat([header, data]));
}
