import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import { speakingDurationMs, synthesizeSilence, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { type ScenarioStep, scenarioSchema } from "../scenarios/scenario.ts";

/**
 * The call every client plays against the simulator: a greeting, a caller turn that leads to a tool
 * call, an answer the caller interrupts, and the answer to the interruption.
 */
export const CONFORMANCE_SCENARIO = scenarioSchema.parse({
  name: "conformance",
  description: "A greeting, a booking by tool call, and a caller who interrupts the confirmation.",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。デモ株式会社でございます。" },
    { speaker: "caller", say: "来週の火曜日の午後三時に予約をお願いします。" },
    {
      speaker: "tool",
      name: "schedule_appointment",
      arguments: { date: "2026-12-01", time: "15:00" },
    },
    {
      speaker: "agent",
      say: "十二月一日火曜日の午後三時でご予約を承りました。確認のため、お名前とお電話番号をお伺いしてもよろしいでしょうか。",
    },
    { speaker: "caller", say: "すみません、やっぱり四時にできますか。", interruptAfterMs: 600 },
    { speaker: "agent", say: "かしこまりました。午後四時でお取りします。" },
  ],
});

function step<S extends ScenarioStep["speaker"]>(
  index: number,
  speaker: S,
): Extract<ScenarioStep, { speaker: S }> {
  const found = CONFORMANCE_SCENARIO.steps[index];
  if (found?.speaker !== speaker)
    throw new Error(`step ${index} of the conformance call is not a ${speaker} step`);
  return found as Extract<ScenarioStep, { speaker: S }>;
}

export const GREETING = step(0, "agent");
export const CALLER_LINE = step(1, "caller");
export const TOOL_CALL = step(2, "tool");
export const INTERRUPTED_ANSWER = step(3, "agent");
export const INTERRUPTION = step(4, "caller");
export const LAST_ANSWER = step(5, "agent");

/** The tool the scenario calls, as a session declares it. */
export const SCHEDULE_TOOL = {
  type: "function" as const,
  name: TOOL_CALL.name,
  description: "予約を登録する",
  parameters: {
    type: "object",
    properties: { date: { type: "string" }, time: { type: "string" } },
    required: ["date", "time"],
  },
};

/** A phone session as Koe's bridge configures it: μ-law both ways, server VAD, Japanese transcription. */
export const PHONE_SESSION: RealtimeSessionCreateRequest = {
  type: "realtime",
  instructions: "あなたはデモ株式会社の電話受付です。",
  audio: {
    input: {
      format: { type: "audio/pcmu" },
      transcription: { model: "gpt-transcribe", language: "ja" },
      turn_detection: { type: "server_vad", silence_duration_ms: 500 },
    },
    output: { format: { type: "audio/pcmu" }, voice: "marin" },
  },
  tools: [SCHEDULE_TOOL],
};

/** A caller saying a line: speech-like μ-law audio as long as the line, then enough silence for the VAD. */
export function callerAudio(say: string): Buffer {
  return Buffer.concat([synthesizeSpeech(speakingDurationMs(say)), synthesizeSilence(800)]);
}

/** μ-law audio cut in 20 ms frames (160 bytes), as Twilio sends it and a bridge forwards it. */
export function frames20ms(mulaw: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let i = 0; i < mulaw.length; i += 160) frames.push(mulaw.subarray(i, i + 160));
  return frames;
}
