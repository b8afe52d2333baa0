export { type CallerVoice, callerAudio } from "./caller-audio/caller-audio.ts";
export { pcm16ToMulaw, wavToMulaw } from "./caller-audio/mulaw.ts";
export { checkExpectations } from "./expectations/check-expectations.ts";
export type { ObservedCall } from "./expectations/observed-call.ts";
export { markInterruptedRuns, RUN_HEARTBEAT_MS, RUN_STALE_MS, THIS_RUNNER } from "./runs/interrupted-runs.ts";
export { type EvalProgress, type EvalRunDeps, playEvalRun } from "./runs/play-run.ts";
export { EvalRefusal, type EvalRefusalCode, startEvalRun } from "./runs/start-run.ts";
export { summarizeRun } from "./runs/summarize-run.ts";
