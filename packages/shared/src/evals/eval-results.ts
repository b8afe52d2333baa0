import { z } from "zod";

/** One expectation's verdict on one call, with the reason in Japanese. */
export const expectationResultSchema = z.object({
  /** Position of the expectation in its scenario. */
  index: z.number().int().min(0),
  /** A short label of the expectation (e.g. 「schedule_appointment が呼ばれる」). */
  label: z.string(),
  passed: z.boolean(),
  reason: z.string(),
});
export type ExpectationResult = z.infer<typeof expectationResultSchema>;

export const evalToolCallSchema = z.object({
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()).nullable(),
  ok: z.boolean().nullable(),
});
export type EvalToolCall = z.infer<typeof evalToolCallSchema>;

/** One test call's figures, measured from what the bridge recorded and what the caller heard. */
export const evalCallMetricsSchema = z.object({
  /** Each turn's latency as the bridge measured it (caller stopped → agent audio). */
  turnLatenciesMs: z.array(z.number()),
  turnLatencyMs: z.object({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    p99: z.number().nullable(),
    avg: z.number().nullable(),
  }),
  /** From the stream's start to the first agent audio the caller received. */
  timeToFirstAudioMs: z.number().nullable(),
  /** The caller's transcription against the script's caller lines (0–1); null without both. */
  callerCer: z.number().nullable(),
  costUsd: z.number().nullable(),
  toolCalls: z.array(evalToolCallSchema),
  turns: z.number().int(),
  handedOff: z.boolean(),
  appointments: z.number().int(),
  durationMs: z.number().nullable(),
});
export type EvalCallMetrics = z.infer<typeof evalCallMetricsSchema>;

/** The run's figures, over its finished calls. */
export const evalRunSummarySchema = z.object({
  calls: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  turnLatencyMs: z.object({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    p99: z.number().nullable(),
    avg: z.number().nullable(),
  }),
  timeToFirstAudioMs: z.object({ avg: z.number().nullable(), p95: z.number().nullable() }),
  /** Accuracy of the caller's transcription, 1 − CER over all calls' characters. */
  transcriptionAccuracy: z.number().nullable(),
  callerCer: z.number().nullable(),
  costUsd: z.object({ total: z.number(), perCall: z.number().nullable() }),
  /** Each scenario's expectations with their pass rates over the scenario's calls. */
  expectations: z.array(
    z.object({
      scenario: z.string(),
      index: z.number().int(),
      label: z.string(),
      passed: z.number().int(),
      total: z.number().int(),
    }),
  ),
  wallTimeMs: z.number().nullable(),
});
export type EvalRunSummary = z.infer<typeof evalRunSummarySchema>;

/** How a run is started, from the SPA or `./koe eval`. */
export const evalRunRequestSchema = z.object({
  agentId: z.uuid(),
  /** An agent version number; default the agent's current version. */
  version: z.number().int().positive().optional(),
  /** Scenario names; default all of the agent's scenarios. */
  scenarios: z.array(z.string().min(1)).max(100).optional(),
  calls: z.number().int().min(1).max(500).default(10),
  concurrency: z.number().int().min(1).max(50).default(5),
});
export type EvalRunRequest = z.input<typeof evalRunRequestSchema>;
