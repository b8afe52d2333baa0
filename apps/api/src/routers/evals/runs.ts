import type { Prisma, PrismaClient } from "@koe/db";
import {
  type EvalCallMetrics,
  type EvalRunSummary,
  evalCallMetricsSchema,
  evalRunSummarySchema,
  expectationResultSchema,
} from "@koe/shared";
import { TRPCError } from "@trpc/server";
import { z } from "zod";

export const runSelect = {
  id: true,
  agentId: true,
  status: true,
  callsPlanned: true,
  concurrency: true,
  callsDone: true,
  callsPassed: true,
  summary: true,
  startedAt: true,
  finishedAt: true,
  scenarios: true,
  agentVersion: { select: { version: true, realtimeSettings: true } },
  startedBy: { select: { name: true } },
} satisfies Prisma.EvalRunSelect;

type RunRow = Prisma.EvalRunGetPayload<{ select: typeof runSelect }>;

/** A run as the SPA shows it: progress, the version (and its model) and, once it ends, its figures. */
export function toRunView(row: RunRow) {
  const settings = row.agentVersion.realtimeSettings as { model?: unknown } | null;
  return {
    id: row.id,
    agentId: row.agentId,
    status: row.status,
    version: row.agentVersion.version,
    model: typeof settings?.model === "string" ? settings.model : null,
    callsPlanned: row.callsPlanned,
    concurrency: row.concurrency,
    callsDone: row.callsDone,
    callsPassed: row.callsPassed,
    callsFailed: row.callsDone - row.callsPassed,
    scenarioNames: (row.scenarios as { name: string }[]).map((s) => s.name),
    summary: row.summary === null ? null : evalRunSummarySchema.parse(row.summary),
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    startedBy: row.startedBy?.name ?? null,
  };
}
export type RunView = ReturnType<typeof toRunView>;

export async function findRun(prisma: PrismaClient, companyId: string, runId: string) {
  const row = await prisma.evalRun.findFirst({ where: { id: runId, companyId }, select: runSelect });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such evaluation run." });
  return row;
}

const resultsSchema = z.array(expectationResultSchema);

/** A run's finished calls, each with its verdicts, figures and the call it was. */
export async function runCalls(prisma: PrismaClient, runId: string) {
  const rows = await prisma.evalCall.findMany({
    where: { runId },
    orderBy: { index: "asc" },
    select: {
      index: true,
      scenarioName: true,
      passed: true,
      results: true,
      metrics: true,
      error: true,
      callSessionId: true,
      createdAt: true,
    },
  });
  return rows.map((row) => ({
    ...row,
    results: resultsSchema.parse(row.results),
    metrics: evalCallMetricsSchema.parse(row.metrics) as EvalCallMetrics,
  }));
}

type Metric = {
  key: string;
  a: number | null;
  b: number | null;
  difference: number | null;
  lowerIsBetter: boolean;
};

function metric(key: string, a: number | null, b: number | null, lowerIsBetter: boolean): Metric {
  return { key, a, b, difference: a === null || b === null ? null : b - a, lowerIsBetter };
}

/**
 * Two runs side by side: each figure of A and B with B − A, and each expectation's pass rate in
 * both (matched by scenario and label, so a scenario edited between the runs shows what changed).
 */
export function compareRuns(a: EvalRunSummary, b: EvalRunSummary) {
  const rate = (passed: number, total: number) => (total === 0 ? null : passed / total);
  const metrics = [
    metric("passRate", rate(a.passed, a.calls), rate(b.passed, b.calls), false),
    metric("latencyAvgMs", a.turnLatencyMs.avg, b.turnLatencyMs.avg, true),
    metric("latencyP50Ms", a.turnLatencyMs.p50, b.turnLatencyMs.p50, true),
    metric("latencyP95Ms", a.turnLatencyMs.p95, b.turnLatencyMs.p95, true),
    metric("latencyP99Ms", a.turnLatencyMs.p99, b.turnLatencyMs.p99, true),
    metric("timeToFirstAudioMs", a.timeToFirstAudioMs.avg, b.timeToFirstAudioMs.avg, true),
    metric("accuracy", a.transcriptionAccuracy, b.transcriptionAccuracy, false),
    metric("costPerCallUsd", a.costUsd.perCall, b.costUsd.perCall, true),
  ];
  const keys = new Map<string, { scenario: string; label: string }>();
  for (const e of [...a.expectations, ...b.expectations]) keys.set(`${e.scenario}\u0000${e.label}`, e);
  const find = (summary: EvalRunSummary, key: string) =>
    summary.expectations.find((e) => `${e.scenario}\u0000${e.label}` === key);
  const expectations = [...keys].map(([key, { scenario, label }]) => {
    const [inA, inB] = [find(a, key), find(b, key)];
    return {
      scenario,
      label,
      a: inA ? { passed: inA.passed, total: inA.total, rate: rate(inA.passed, inA.total) } : null,
      b: inB ? { passed: inB.passed, total: inB.total, rate: rate(inB.passed, inB.total) } : null,
    };
  });
  return { metrics, expectations };
}
