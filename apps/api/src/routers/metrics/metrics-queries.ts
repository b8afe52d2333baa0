import { setImmediate as nextTurn } from "node:timers/promises";
import { type CallEngine, Prisma, type PrismaClient } from "@koe/db";
import { COMPLETED_OUTCOMES, callEventPayloadSchemas, characterErrors } from "@koe/shared";

export type Period = { from: Date; to: Date };

type Grouped = { engine: CallEngine | null; agentId: string | null; byAgent: boolean };

/** The group a row belongs to: one engine, or one agent across engines ("agent:none" for calls without one). */
export function groupKey(row: Grouped): string {
  return row.byAgent ? `agent:${row.agentId ?? "none"}` : `engine:${row.engine}`;
}

export type TurnLatency = {
  turns: number;
  /** Of which on the legacy engine, whose latency is the bridge's share only (latency-scope.ts). */
  legacyTurns: number;
  avgMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
};

/**
 * Turn latency of the period's calls (by start time), per engine and per agent, from the bridge's
 * turn_latency events. Percentiles interpolate between turns (percentile_cont).
 */
export async function turnLatency(prisma: PrismaClient, companyId: string, period: Period) {
  const rows = await prisma.$queryRaw<
    (Grouped & { turns: number; legacyTurns: number; avg: number; p50: number; p95: number; p99: number })[]
  >`
    SELECT cs.engine AS engine, cs."agentId" AS "agentId", GROUPING(cs.engine) = 1 AS "byAgent",
           count(*)::int AS turns,
           (count(*) FILTER (WHERE cs.engine = 'legacy'))::int AS "legacyTurns",
           avg(l.ms)::float8 AS avg,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY l.ms) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY l.ms) AS p95,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY l.ms) AS p99
    FROM "CallEvent" e
    JOIN "CallSession" cs ON cs.id = e."callSessionId"
    CROSS JOIN LATERAL (SELECT (e.payload ->> 'latencyMs')::float8 AS ms) l
    WHERE e."companyId" = ${companyId}::uuid AND e.type = 'turn_latency' AND NOT cs."isTest"
      AND cs."startedAt" >= ${period.from} AND cs."startedAt" < ${period.to}
    GROUP BY GROUPING SETS ((cs.engine), (cs."agentId"))`;
  return new Map<string, TurnLatency>(
    rows.map((r) => [
      groupKey(r),
      { turns: r.turns, legacyTurns: r.legacyTurns, avgMs: r.avg, p50Ms: r.p50, p95Ms: r.p95, p99Ms: r.p99 },
    ]),
  );
}

export type CallOutcomes = {
  /** Calls that ended in the period after connecting (not busy, unanswered, canceled or failed). */
  connectedCalls: number;
  completed: number;
  handedOff: number;
  /** Connected calls with a post-call analysis, and of them those by outcome (see COMPLETED_OUTCOMES). */
  analysedCalls: number;
  completedByOutcome: number;
  handedOffByOutcome: number;
  /** Over realtime calls only: a legacy call's cost is not measured, and is not zero. */
  avgCostUsd: number | null;
  costedCalls: number;
  ratings: number;
  ratingAverage: number | null;
};

/**
 * Outcomes of the period's finished calls per engine and per agent. By end reason, a call is
 * complete when it ended normally with no handoff; by the post-call analysis, when its outcome is
 * one of COMPLETED_OUTCOMES. Calls still in progress are left out until they end.
 */
export async function callOutcomes(prisma: PrismaClient, companyId: string, period: Period) {
  const rows = await prisma.$queryRaw<
    (Grouped & {
      connected: number;
      completed: number;
      handedOff: number;
      analysed: number;
      outcomeCompleted: number;
      outcomeHandedOff: number;
      avgCost: number | null;
      costed: number;
      ratings: number;
      ratingAvg: number | null;
    })[]
  >`
    SELECT cs.engine AS engine, cs."agentId" AS "agentId", GROUPING(cs.engine) = 1 AS "byAgent",
           count(*) FILTER (WHERE cs.status IN ('completed', 'interrupted'))::int AS connected,
           count(*) FILTER (WHERE cs.status = 'completed' AND cs."handoffAt" IS NULL)::int AS completed,
           count(*) FILTER (WHERE cs.status IN ('completed', 'interrupted') AND cs."handoffAt" IS NOT NULL)::int AS "handedOff",
           count(*) FILTER (WHERE cs.status IN ('completed', 'interrupted') AND cs.outcome IS NOT NULL)::int AS analysed,
           count(*) FILTER (WHERE cs.status IN ('completed', 'interrupted') AND cs.outcome::text IN (${Prisma.join([...COMPLETED_OUTCOMES])}))::int AS "outcomeCompleted",
           count(*) FILTER (WHERE cs.status IN ('completed', 'interrupted') AND cs.outcome = 'handed_off')::int AS "outcomeHandedOff",
           (avg(cs."costUsd") FILTER (WHERE cs.status IN ('completed', 'interrupted') AND cs.engine = 'realtime'))::float8 AS "avgCost",
           count(*) FILTER (WHERE cs.status IN ('completed', 'interrupted') AND cs.engine = 'realtime')::int AS costed,
           count(cs.rating)::int AS ratings,
           avg(cs.rating)::float8 AS "ratingAvg"
    FROM "CallSession" cs
    WHERE cs."companyId" = ${companyId}::uuid AND NOT cs."isTest"
      AND cs."startedAt" >= ${period.from} AND cs."startedAt" < ${period.to}
      AND cs.status NOT IN ('initiated', 'ringing', 'active')
    GROUP BY GROUPING SETS ((cs.engine), (cs."agentId"))`;
  return new Map<string, CallOutcomes>(
    rows.map((r) => [
      groupKey(r),
      {
        connectedCalls: r.connected,
        completed: r.completed,
        handedOff: r.handedOff,
        analysedCalls: r.analysed,
        completedByOutcome: r.outcomeCompleted,
        handedOffByOutcome: r.outcomeHandedOff,
        avgCostUsd: r.avgCost,
        costedCalls: r.costed,
        ratings: r.ratings,
        ratingAverage: r.ratingAvg,
      },
    ]),
  );
}

export type Accuracy = { referenceCalls: number; referenceChars: number; edits: number };

/**
 * Transcription errors on the period's calls that have an operator's reference transcript: the
 * caller's transcribed lines joined, against the reference. Summed over calls (total edits over
 * total reference characters), so a long call weighs more than a short one.
 */
export async function transcriptionAccuracy(prisma: PrismaClient, companyId: string, period: Period) {
  const calls = await prisma.callSession.findMany({
    where: {
      companyId,
      isTest: false,
      startedAt: { gte: period.from, lt: period.to },
      referenceTranscript: { not: null },
    },
    select: {
      engine: true,
      agentId: true,
      referenceTranscript: true,
      events: { where: { type: "transcript" }, orderBy: { id: "asc" }, select: { payload: true } },
    },
  });
  const groups = new Map<string, Accuracy>();
  for (const call of calls) {
    const heard = call.events
      .map((e) => callEventPayloadSchemas.transcript.safeParse(e.payload))
      .flatMap((line) => (line.success && line.data.role === "caller" ? [line.data.text] : []))
      .join("");
    const { edits, length } = characterErrors(call.referenceTranscript ?? "", heard);
    // Each comparison may take tens of milliseconds: let other requests in between calls.
    await nextTurn();
    for (const key of [
      groupKey({ engine: call.engine, agentId: null, byAgent: false }),
      groupKey({ engine: null, agentId: call.agentId, byAgent: true }),
    ]) {
      const group = groups.get(key) ?? { referenceCalls: 0, referenceChars: 0, edits: 0 };
      group.referenceCalls++;
      group.referenceChars += length;
      group.edits += edits;
      groups.set(key, group);
    }
  }
  return groups;
}
