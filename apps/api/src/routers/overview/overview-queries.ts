import { setImmediate as nextTurn } from "node:timers/promises";
import { type CallEngine, type CallOutcome, Prisma, type PrismaClient } from "@koe/db";
import { callEventPayloadSchemas, characterErrors } from "@koe/shared";
import {
  type LatencySums,
  latencyFigures,
  mergeLatencySums,
} from "../../overview-rollup/latency-histogram.ts";
import type { OverviewInput } from "./overview.types.ts";
import { latencyQuery, readSources, rollupSpan, volumeQuery } from "./overview-sources.ts";

/** The calls an overview is about: one company's, in a period, narrowed by agent, engine, version. */
export type OverviewScope = Omit<OverviewInput, "from" | "to"> & {
  companyId: string;
  from: Date;
  to: Date;
  /** The company's IANA time zone: buckets are its local hours and days. */
  timeZone: string;
};

export type CallCounts = {
  calls: number;
  /** Calls that ended after connecting: the base of the rates. */
  connected: number;
  /** Ended normally with no handoff (the rollout page's definition). */
  completed: number;
  handedOff: number;
  /** Connected realtime calls: a legacy call's cost (Twilio's speech services) is not measured. */
  costed: number;
  costedUsd: number;
  costUsd: number;
};

export type GroupKey = { agentId: string | null; agentVersionId: string | null; engine: CallEngine | null };

type Split = GroupKey & { byGroup: boolean; bucket: string | null };

/**
 * The period's calls (by bucket and outcome, and by agent, version and engine) and their turn
 * latency (the same splits), from the hourly roll-up and the calls it does not cover
 * (overview-sources.ts), both in one REPEATABLE READ snapshot.
 */
export async function callFigures(prisma: PrismaClient, scope: OverviewScope) {
  const span = await rollupSpan(prisma, scope);
  const { volume, latency } = await prisma.$transaction(
    async (tx) => {
      // JIT compiling costs more than these queries save; the aggregates fit in memory as hashes.
      await tx.$executeRaw`SET LOCAL jit = off`;
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      const sources = await readSources(tx, scope, span);
      return {
        volume: await tx.$queryRaw<(CallCounts & Split & { outcome: CallOutcome | null })[]>(
          volumeQuery(scope, sources),
        ),
        latency: await tx.$queryRaw<(LatencySums & Split)[]>(latencyQuery(scope, sources)),
      };
    },
    // The statement timeout bounds each query, not Prisma's 5 s transaction timeout.
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 60_000, maxWait: 10_000 },
  );
  const byBucket = latency.filter((r) => !r.byGroup);
  return {
    volume: { byBucket: volume.filter((r) => !r.byGroup), byGroup: volume.filter((r) => r.byGroup) },
    latency: {
      byBucket: byBucket.map((r) => ({ bucket: r.bucket, ...latencyFigures(r) })),
      overall: latencyFigures(mergeLatencySums(byBucket)),
      byGroup: latency.filter((r) => r.byGroup).map((r) => ({ ...(r as GroupKey), ...latencyFigures(r) })),
    },
  };
}

/** At most this many calls with a reference are compared: each comparison costs CPU time. */
export const ACCURACY_MAX_CALLS = 300;

/**
 * Transcription accuracy over the period's calls that have an operator's reference transcript
 * (the newest ACCURACY_MAX_CALLS): the caller's lines against the reference, with the character
 * error rate of @koe/shared's evals/character-error-rate.ts, summed over calls.
 */
export async function transcriptionAccuracy(prisma: PrismaClient, scope: OverviewScope) {
  const calls = await prisma.callSession.findMany({
    where: {
      companyId: scope.companyId,
      startedAt: { gte: scope.from, lt: scope.to },
      referenceTranscript: { not: null },
      ...(scope.agentId ? { agentId: scope.agentId } : {}),
      ...(scope.engine ? { engine: scope.engine } : {}),
      ...(scope.agentVersionId ? { agentVersionId: scope.agentVersionId } : {}),
      ...(scope.includeTests ? {} : { isTest: false }),
    },
    orderBy: { startedAt: "desc" },
    take: ACCURACY_MAX_CALLS,
    select: {
      referenceTranscript: true,
      events: { where: { type: "transcript" }, orderBy: { id: "asc" }, select: { payload: true } },
    },
  });
  let edits = 0;
  let referenceChars = 0;
  for (const call of calls) {
    const heard = call.events
      .map((e) => callEventPayloadSchemas.transcript.safeParse(e.payload))
      .flatMap((line) => (line.success && line.data.role === "caller" ? [line.data.text] : []))
      .join("");
    const errors = characterErrors(call.referenceTranscript ?? "", heard);
    edits += errors.edits;
    referenceChars += errors.length;
    // A comparison may take milliseconds: other requests go in between.
    await nextTurn();
  }
  return { referenceCalls: calls.length, cer: referenceChars > 0 ? edits / referenceChars : null };
}
