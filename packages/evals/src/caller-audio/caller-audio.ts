import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type OpenAI from "openai";
import type { RunScenario } from "../runs/run-scenario.ts";
import { pcm16ToMulaw, wavToMulaw } from "./mulaw.ts";

/**
 * Where the caller's voice comes from: the simulator's synthetic speech (the GA simulator "hears"
 * the script's line whatever it is sent), a recorded WAV per line, or OpenAI's speech API (for
 * runs against the real Realtime API, whose transcription must hear real words).
 */
export type CallerVoice =
  | { kind: "synthetic" }
  /** `<dir>/<scenario name>/<n>.wav`, n the caller line's number from 1. */
  | { kind: "wav"; dir: string }
  | { kind: "speech"; openai: OpenAI; voice?: string; model?: string };

/** OpenAI's `pcm` speech format: 24 kHz, 16-bit, mono. */
const SPEECH_PCM_RATE = 24_000;

function callerLines(scenario: RunScenario): string[] {
  return scenario.steps.flatMap((step) => (step.speaker === "caller" ? [step.say] : []));
}

/** The caller's audio for each of the scenario's caller lines, 8 kHz μ-law; undefined: synthetic. */
export async function callerAudio(voice: CallerVoice, scenario: RunScenario): Promise<Buffer[] | undefined> {
  const lines = callerLines(scenario);
  switch (voice.kind) {
    case "synthetic":
      return undefined;
    case "wav":
      return Promise.all(
        lines.map(async (_line, index) => {
          const path = join(voice.dir, scenario.name, `${index + 1}.wav`);
          const file = await readFile(path).catch(() => {
            throw new Error(`「${scenario.name}」の${index + 1}番目の発話の録音がありません: ${path}`);
          });
          return wavToMulaw(file);
        }),
      );
    case "speech":
      return Promise.all(
        lines.map(async (line) => {
          const response = await voice.openai.audio.speech.create({
            model: voice.model ?? "gpt-4o-mini-tts",
            voice: voice.voice ?? "coral",
            input: line,
            instructions: "電話をかけてきた日本人のお客様として、自然な日本語で話してください。",
            response_format: "pcm",
          });
          return pcm16ToMulaw(new Uint8Array(await response.arrayBuffer()), SPEECH_PCM_RATE);
        }),
      );
  }
}

/** Each scenario's caller audio, made once per run and shared by its calls. */
export class CallerAudioCache {
  private readonly made = new Map<string, Promise<Buffer[] | undefined>>();
  private readonly voice: CallerVoice;
  constructor(voice: CallerVoice) {
    this.voice = voice;
  }

  for(scenario: RunScenario): Promise<Buffer[] | undefined> {
    let audio = this.made.get(scenario.id);
    if (!audio) {
      audio = callerAudio(this.voice, scenario);
      this.made.set(scenario.id, audio);
    }
    return audio;
  }
}
