import { CallEngine } from "@koe/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "../../trpc.ts";
import { latencyScope } from "./latency-scope.ts";
import {
  type Accuracy,
  type CallOutcomes,
  callOutcomes,
  groupKey,
  type TurnLatency,
  transcriptionAccuracy,
  turnLatency,
} from "./metrics-queries.ts";
import { check, METRIC_TARGETS, MIN_SAMPLE_SIZE } from "./targets.ts";

const MAX_PERIOD_DAYS = 366;
const ENGINES = Object.values(CallEngine);

const periodInput = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((p) => new Date(p.from) < new Date(p.to), { message: "from must be before to", path: ["to"] })
  .refine((p) => new Date(p.to).getTime() - new Date(p.from).getTime() <= MAX_PERIOD_DAYS * 86_400_000, {
    message: `a period spans at most ${MAX_PERIOD_DAYS} days`,
    path: ["from"],
  });

export const metricsRouter = {
  /**
   * For the calls that started in the period: turn latency, completion, handoffs, cost,
   * transcription accuracy and ratings, per engine and per agent, each beside its target.
   */
  summary: protectedProcedure.input(periodInput).query(async ({ ctx, input }) => {
    const companyId = ctx.user.companyId;
    const period = { from: new Date(input.from), to: new Date(input.to) };
    const [latency, outcomes, accuracy, agents] = await Promise.all([
      turnLatency(ctx.prisma, companyId, period),
      callOutcomes(ctx.prisma, companyId, period),
      transcriptionAccuracy(ctx.prisma, companyId, period),
      ctx.prisma.agent.findMany({
        where: { companyId },
        orderBy: { name: "asc" },
        select: { id: true, name: true },
      }),
    ]);
    const metricsOf = (key: string) => groupMetrics(latency.get(key), outcomes.get(key), accuracy.get(key));
    return {
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      targets: METRIC_TARGETS,
      minSampleSize: MIN_SAMPLE_SIZE,
      byEngine: ENGINES.map((engine) => ({
        engine,
        ...metricsOf(groupKey({ engine, agentId: null, byAgent: false })),
      })),
      byAgent: agents.map((agent) => ({
        agent,
        ...metricsOf(groupKey({ engine: null, agentId: agent.id, byAgent: true })),
      })),
    };
  }),
} satisfies TRPCRouterRecord;

/**
 * How completion and handoff are counted: from the post-call analyses' outcomes over the analysed
 * calls when the group has any, else from end reasons over every connected call. The page says
 * which, with the sample size.
 */
function rateDefinition(outcomes?: CallOutcomes) {
  const analysed = outcomes?.analysedCalls ?? 0;
  if (analysed > 0) {
    return {
      basis: "outcome" as const,
      sampleSize: analysed,
      completed: outcomes?.completedByOutcome ?? 0,
      handedOff: outcomes?.handedOffByOutcome ?? 0,
    };
  }
  return {
    basis: "end_reason" as const,
    sampleSize: outcomes?.connectedCalls ?? 0,
    completed: outcomes?.completed ?? 0,
    handedOff: outcomes?.handedOff ?? 0,
  };
}

function groupMetrics(latency?: TurnLatency, outcomes?: CallOutcomes, accuracy?: Accuracy) {
  const connected = outcomes?.connectedCalls ?? 0;
  const turns = latency?.turns ?? 0;
  const definition = rateDefinition(outcomes);
  const rate = (n: number) => (definition.sampleSize > 0 ? n / definition.sampleSize : null);
  const cer = accuracy && accuracy.referenceChars > 0 ? accuracy.edits / accuracy.referenceChars : null;
  /** What the numbers measure: legacy turns exclude Twilio's recognition and synthesis. */
  const scope = latencyScope(turns, latency?.legacyTurns ?? 0);
  const referenceCalls = accuracy?.referenceCalls ?? 0;
  return {
    calls: connected,
    turns,
    latency: {
      avgMs: check("latencyAvgMs", latency?.avgMs ?? null, turns, scope.comparableToTargets),
      p50Ms: latency?.p50Ms ?? null,
      p95Ms: check("latencyP95Ms", latency?.p95Ms ?? null, turns, scope.comparableToTargets),
      p99Ms: latency?.p99Ms ?? null,
      ...scope,
    },
    completionRate: check("completionRate", rate(definition.completed), definition.sampleSize),
    handoffRate: check("handoffRate", rate(definition.handedOff), definition.sampleSize),
    /** Which definition the two rates use, over how many calls, and how many connected calls are analysed. */
    rateBasis: {
      basis: definition.basis,
      sampleSize: definition.sampleSize,
      analysedCalls: outcomes?.analysedCalls ?? 0,
      connectedCalls: connected,
    },
    /** Realtime calls only: nothing measures what a legacy call costs (Twilio's speech services). */
    avgCostUsd: check("avgCostUsd", outcomes?.avgCostUsd ?? null, outcomes?.costedCalls ?? 0),
    /** Character error rate on calls with a reference transcript; accuracy is 1 − CER. */
    cer,
    accuracy: check("accuracy", cer === null ? null : 1 - cer, referenceCalls),
    referenceCalls,
    ratingAverage: outcomes?.ratingAverage ?? null,
    ratings: outcomes?.ratings ?? 0,
  };
}
