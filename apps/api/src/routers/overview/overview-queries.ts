import { setImmediate as nextTurn } from "node:timers/promises";
import { type CallEngine, type CallOutcome, Prisma, type PrismaClient } from "@koe/db";
import { callEventPayloadSchemas, characterErrors } from "@koe/shared";
import type { OverviewInput } from "./overview.types.ts";

/** The calls an overview is about: one company's, in a period, narrowed by agent, engine, version. */
export type OverviewScope = Omit<OverviewInput, "from" | "to"> & {
  companyId: string;
  from: Date;
  to: Date;
  /** The company's IANA time zone: buckets are its local hours and days. */
  timeZone: string;
};

/** A bucket's start as the company's wall-clock time, e.g. 2026-12-01T09:00. */
const bucketOf = (scope: OverviewScope, column: Prisma.Sql) =>
  Prisma.sql`to_char(date_trunc(${scope.bucket}, ${column} AT TIME ZONE ${scope.timeZone}), 'YYYY-MM-DD"T"HH24:MI')`;

function callFilters(scope: OverviewScope): Prisma.Sql {
  const filters = [
    Prisma.sql`cs."companyId" = ${scope.companyId}::uuid`,
    ...(scope.agentId ? [Prisma.sql`cs."agentId" = ${scope.agentId}::uuid`] : []),
    ...(scope.engine ? [Prisma.sql`cs.engine = ${scope.engine}::"CallEngine"`] : []),
    ...(scope.agentVersionId ? [Prisma.sql`cs."agentVersionId" = ${scope.agentVersionId}::uuid`] : []),
    ...(scope.includeTests ? [] : [Prisma.sql`NOT cs."isTest"`]),
  ];
  return Prisma.join(filters, " AND ");
}

/** Connected calls: they ended after being answered (not busy, unanswered, canceled or failed). */
const CONNECTED = Prisma.sql`cs.status IN ('completed', 'interrupted')`;

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

const COUNTS = Prisma.sql`
  count(*)::int AS calls,
  (count(*) FILTER (WHERE ${CONNECTED}))::int AS connected,
  (count(*) FILTER (WHERE cs.status = 'completed' AND cs."handoffAt" IS NULL))::int AS completed,
  (count(*) FILTER (WHERE ${CONNECTED} AND cs."handoffAt" IS NOT NULL))::int AS "handedOff",
  (count(*) FILTER (WHERE ${CONNECTED} AND cs.engine = 'realtime'))::int AS costed,
  coalesce(sum(cs."costUsd") FILTER (WHERE ${CONNECTED} AND cs.engine = 'realtime'), 0)::float8 AS "costedUsd",
  coalesce(sum(cs."costUsd"), 0)::float8 AS "costUsd"`;

export type GroupKey = { agentId: string | null; agentVersionId: string | null; engine: CallEngine | null };

/**
 * Calls of the period by bucket and outcome (null: not analysed yet), and by agent, version and
 * engine, in one pass over the covering index CallSession_overview_idx.
 */
export async function callVolume(prisma: PrismaClient, scope: OverviewScope) {
  const rows = await prisma.$queryRaw<
    (CallCounts & GroupKey & { byGroup: boolean; bucket: string | null; outcome: CallOutcome | null })[]
  >`
    SELECT GROUPING(b.bucket) = 1 AS "byGroup", b.bucket, cs.outcome,
           cs."agentId", cs."agentVersionId", cs.engine, ${COUNTS}
    FROM "CallSession" cs
    CROSS JOIN LATERAL (SELECT ${bucketOf(scope, Prisma.sql`cs."startedAt"`)} AS bucket) b
    WHERE ${callFilters(scope)} AND cs."startedAt" >= ${scope.from} AND cs."startedAt" < ${scope.to}
    GROUP BY GROUPING SETS ((b.bucket, cs.outcome), (cs."agentId", cs."agentVersionId", cs.engine))`;
  return {
    byBucket: rows.filter((r) => !r.byGroup),
    byGroup: rows.filter((r) => r.byGroup),
  };
}

export type LatencyFigures = {
  turns: number;
  legacyTurns: number;
  avgMs: number;
  p50Ms: number;
  p95Ms: number;
};

/**
 * Turn latency by bucket, over the whole period, and by agent, version and engine, from the
 * latencies each call keeps of its turns (CallSession.turnLatenciesMs, filled from the bridge's
 * turn_latency events): a call's turns count in the bucket and period of the call's start.
 */
export async function turnLatency(prisma: PrismaClient, scope: OverviewScope) {
  // The planner's row estimate for the unnested latencies crosses JIT's thresholds, and compiling
  // costs more than the query saves: 1.3 s of 2.2 s over a year of 200,000 calls. The statement
  // timeout bounds the query, not Prisma's 5 s transaction timeout (a year of 1,000,000 calls).
  const [, rows] = await prisma.$transaction(
    [
      prisma.$executeRaw`SET LOCAL jit = off`,
      prisma.$queryRaw<
        (LatencyFigures & GroupKey & { bucket: string | null; overall: boolean; byGroup: boolean })[]
      >`
    SELECT b.bucket, GROUPING(b.bucket, cs."agentId") = 3 AS overall, GROUPING(cs."agentId") = 0 AS "byGroup",
           cs."agentId", cs."agentVersionId", cs.engine,
           count(*)::int AS turns,
           (count(*) FILTER (WHERE cs.engine = 'legacy'))::int AS "legacyTurns",
           avg(l.ms)::float8 AS "avgMs",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY l.ms) AS "p50Ms",
           percentile_cont(0.95) WITHIN GROUP (ORDER BY l.ms) AS "p95Ms"
    FROM "CallSession" cs
    CROSS JOIN LATERAL unnest(cs."turnLatenciesMs") AS l(ms)
    CROSS JOIN LATERAL (SELECT ${bucketOf(scope, Prisma.sql`cs."startedAt"`)} AS bucket) b
    WHERE ${callFilters(scope)} AND cs."startedAt" >= ${scope.from} AND cs."startedAt" < ${scope.to}
    GROUP BY GROUPING SETS ((b.bucket), (), (cs."agentId", cs."agentVersionId", cs.engine))`,
    ],
    { timeout: 60_000 },
  );
  return {
    byBucket: rows.filter((r) => r.bucket !== null),
    overall: rows.find((r) => r.overall) ?? null,
    byGroup: rows.filter((r) => r.byGroup),
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
