import type { PrismaClient } from "@koe/db";

/** How a company's realtime calls did over a window. */
export type RealtimeHealth = {
  /** Realtime calls started in the window, and how many of them failed. */
  calls: number;
  failedCalls: number;
  /** Realtime turns in the window, and their 95th-percentile latency (null: no turns). */
  turns: number;
  p95LatencyMs: number | null;
};

/**
 * Measures the Realtime API's health for one company over [since, until], from the call log.
 * A call failed when OpenAI or the bridge logged an error in it, or it ended because the Realtime
 * API was unavailable; tool, Twilio and database errors do not count: going back to the legacy
 * engine would not fix them. Legacy calls' turns are left out (they are timed differently).
 */
export async function measureRealtimeHealth(
  prisma: PrismaClient,
  companyId: string,
  since: Date,
  until: Date,
): Promise<RealtimeHealth> {
  const [row] = await prisma.$queryRaw<
    { calls: number; failed_calls: number; turns: number; p95_latency_ms: number | null }[]
  >`
    WITH calls AS (
      SELECT id, "endReason" FROM "CallSession"
      WHERE "companyId" = ${companyId}::uuid AND engine = 'realtime' AND NOT "isTest"
        AND "startedAt" >= ${since} AND "startedAt" <= ${until}
    ), turns AS (
      SELECT (e.payload->>'latencyMs')::float8 AS latency_ms
      FROM "CallEvent" e JOIN "CallSession" s ON s.id = e."callSessionId"
      WHERE e."companyId" = ${companyId}::uuid AND e.type = 'turn_latency'
        AND e."occurredAt" >= ${since} AND e."occurredAt" <= ${until} AND s.engine = 'realtime'
        AND NOT s."isTest"
    )
    SELECT
      (SELECT count(*) FROM calls)::int AS calls,
      (SELECT count(*) FROM calls c
        WHERE c."endReason" = 'realtime_unavailable' OR EXISTS (
          SELECT 1 FROM "CallEvent" e
          WHERE e."callSessionId" = c.id AND e.type = 'error' AND e.payload->>'source' IN ('openai', 'bridge')
        ))::int AS failed_calls,
      (SELECT count(*) FROM turns)::int AS turns,
      (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) FROM turns) AS p95_latency_ms
  `;
  return {
    calls: row?.calls ?? 0,
    failedCalls: row?.failed_calls ?? 0,
    turns: row?.turns ?? 0,
    p95LatencyMs: row?.p95_latency_ms ?? null,
  };
}
