import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeMulaw, FakeOpenAIRest, speakingDurationMs } from "@koe/sim";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import wavefile from "wavefile";
import type { RunScenario } from "../runs/run-scenario.ts";
import { callerAudio } from "./caller-audio.ts";

const scenario: RunScenario = {
  id: "s1",
  name: "予約",
  callerNumber: "+819011112222",
  steps: [
    { speaker: "agent", say: "はい" },
    { speaker: "caller", say: "予約をお願いします。", pauseMs: 400 },
    { speaker: "agent", say: "かしこまりました" },
    { speaker: "caller", say: "ありがとうございます。", pauseMs: 400 },
  ],
  expectations: [],
};

/** Sign changes per second / 2: the frequency of a pure tone. */
function frequencyOf(mulaw: Buffer): number {
  const samples = decodeMulaw(mulaw);
  let crossings = 0;
  for (let i = 1; i < samples.length; i++)
    if ((samples[i - 1] ?? 0) < 0 !== (samples[i] ?? 0) < 0) crossings++;
  return crossings / 2 / (samples.length / 8000);
}

/** A stereo 44.1 kHz 16-bit WAV of a 440 Hz tone, as a recording tool would write one. */
function toneWav(seconds: number): Uint8Array {
  const rate = 44_100;
  const tone = Int16Array.from({ length: rate * seconds }, (_, i) =>
    Math.round(12_000 * Math.sin((2 * Math.PI * 440 * i) / rate)),
  );
  const wav = new wavefile.WaveFile();
  wav.fromScratch(2, rate, "16", [tone, tone]);
  return wav.toBuffer();
}

describe("the caller's voice", () => {
  let dir: string;
  let openai: FakeOpenAIRest;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "koe-wav-"));
    openai = await FakeOpenAIRest.start();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await openai.close();
  });

  it("converts a recorded WAV per caller line to 8 kHz μ-law with wavefile, keeping length and pitch", async () => {
    await mkdir(join(dir, "予約"));
    await writeFile(join(dir, "予約", "1.wav"), toneWav(1));
    await writeFile(join(dir, "予約", "2.wav"), toneWav(2));
    const audio = await callerAudio({ kind: "wav", dir }, scenario);
    expect(audio?.map((line) => line.length)).toEqual([8000, 16000]);
    expect(frequencyOf(audio?.[1] ?? Buffer.alloc(0))).toBeCloseTo(440, -1);
  });

  it("says which recording is missing", async () => {
    await expect(callerAudio({ kind: "wav", dir }, { ...scenario, name: "無い" })).rejects.toThrow(
      "「無い」の1番目の発話の録音がありません",
    );
  });

  it("has OpenAI's speech API say each caller line as 24 kHz PCM, converted to 8 kHz μ-law", async () => {
    const client = new OpenAI({ apiKey: "sk-test", baseURL: openai.url });
    const audio = await callerAudio({ kind: "speech", openai: client, voice: "coral" }, scenario);
    const lines = ["予約をお願いします。", "ありがとうございます。"];
    expect(audio?.map((line) => line.length)).toEqual(lines.map((line) => speakingDurationMs(line) * 8));
    expect(frequencyOf(audio?.[0] ?? Buffer.alloc(0))).toBeGreaterThan(100);
    expect(openai.requests.filter((r) => r.path === "/v1/audio/speech").map((r) => r.body)).toEqual(
      lines.map((input) => expect.objectContaining({ input, voice: "coral", response_format: "pcm" })),
    );
  });
});
