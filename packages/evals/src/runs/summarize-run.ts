import {
  type EvalCallMetrics,
  type EvalRunSummary,
  evalCallMetricsSchema,
  expectationResultSchema,
} from "@koe/shared";
import { z } from "zod";
import { average, latencySummary, percentile } from "../expectations/percentile.ts";

export type FinishedCall = {
  scenarioName: string;
  passed: boolean;
  results: unknown;
  metrics: unknown;
};

const resultsSchema = z.array(expectationResultSchema);

/**
 * A run's figures over its finished calls: latency percentiles over every turn of every call, time
 * to first audio, transcription accuracy (1 − CER), cost, and each expectation's pass rate per
 * scenario.
 */
export function summarizeRun(calls: readonly FinishedCall[], wallTimeMs: number | null): EvalRunSummary {
  const metrics: EvalCallMetrics[] = calls.map((call) => evalCallMetricsSchema.parse(call.metrics));
  const turns = metrics.flatMap((m) => m.turnLatenciesMs);
  const firstAudio = metrics.flatMap((m) => (m.timeToFirstAudioMs === null ? [] : [m.timeToFirstAudioMs]));
  const cers = metrics.flatMap((m) => (m.callerCer === null ? [] : [m.callerCer]));
  const costs = metrics.flatMap((m) => (m.costUsd === null ? [] : [m.costUsd]));
  const cer = average(cers);
  const expectations = new Map<string, EvalRunSummary["expectations"][number]>();
  for (const call of calls) {
    for (const result of resultsSchema.parse(call.results)) {
      const key = `${call.scenarioName}\u0000${result.index}`;
      const entry = expectations.get(key) ?? {
        scenario: call.scenarioName,
        index: result.index,
        label: result.label,
        passed: 0,
        total: 0,
      };
      entry.total++;
      if (result.passed) entry.passed++;
      expectations.set(key, entry);
    }
  }
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    calls: calls.length,
    passed: calls.filter((call) => call.passed).length,
    failed: calls.filter((call) => !call.passed).length,
    turnLatencyMs: latencySummary(turns),
    timeToFirstAudioMs: { avg: round(average(firstAudio)), p95: round(percentile(firstAudio, 0.95)) },
    transcriptionAccuracy: cer === null ? null : Math.max(0, 1 - cer),
    callerCer: cer,
    costUsd: {
      total: costs.reduce((sum, cost) => sum + cost, 0),
      perCall: average(costs),
    },
    expectations: [...expectations.values()],
    wallTimeMs,
  };
}
