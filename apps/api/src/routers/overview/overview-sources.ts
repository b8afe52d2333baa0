import { Prisma, type PrismaClient } from "@koe/db";
import { CALL_FIGURES } from "../../overview-rollup/call-figures.ts";
import { latencyBin } from "../../overview-rollup/latency-histogram.ts";
import type { OverviewScope } from "./overview-queries.ts";

/**
 * Where the overview reads a period's calls from: the whole hours inside the period that the
 * roll-up has done (before its watermark) and no marker calls dirty come from OverviewHour and
 * OverviewHourLatency; the rest (the period's ragged ends, the hours since the watermark, dirty
 * hours) from CallSession. Both in the statement's one snapshot, so each call counts once.
 */
export type RollupSpan = { lo: Date; hi: Date };

const HOUR_MS = 3_600_000;

/**
 * The whole UTC hours of the period, if each falls in one local hour of the company's time zone
 * (whole-hour offsets, as Asia/Tokyo's, and DST changes on the hour); otherwise (Asia/Kolkata's
 * +05:30) none, and the overview reads every call.
 */
export async function rollupSpan(prisma: PrismaClient, scope: OverviewScope): Promise<RollupSpan> {
  const none = { lo: scope.to, hi: scope.to };
  const lo = new Date(Math.ceil(scope.from.getTime() / HOUR_MS) * HOUR_MS);
  const hi = new Date(Math.floor(scope.to.getTime() / HOUR_MS) * HOUR_MS);
  if (hi <= lo) return none;
  const [zone] = await prisma.$queryRaw<{ wholeHours: boolean }[]>`
    SELECT bool_and(extract(minute FROM l.at) = 0 AND extract(second FROM l.at) = 0
      AND (h + interval '3599.999 seconds') AT TIME ZONE ${scope.timeZone} = l.at + interval '3599.999 seconds') AS "wholeHours"
    FROM generate_series(${lo}::timestamptz, ${hi}::timestamptz - interval '1 hour', interval '1 hour') AS h
    CROSS JOIN LATERAL (SELECT h AT TIME ZONE ${scope.timeZone} AS at) l`;
  return zone?.wholeHours ? { lo, hi } : none;
}

/** A bucket's start as the company's wall-clock time, e.g. 2026-12-01T09:00. */
const bucketOf = (scope: OverviewScope, column: Prisma.Sql) =>
  Prisma.sql`to_char(date_trunc(${scope.bucket}, ${column} AT TIME ZONE ${scope.timeZone}), 'YYYY-MM-DD"T"HH24:MI')`;

/** The scope's filters on calls or roll-up rows (which have the same columns). */
function filters(scope: OverviewScope, alias: "cs" | "o"): Prisma.Sql {
  const t = Prisma.raw(alias);
  return Prisma.join(
    [
      Prisma.sql`${t}."companyId" = ${scope.companyId}::uuid`,
      ...(scope.agentId ? [Prisma.sql`${t}."agentId" = ${scope.agentId}::uuid`] : []),
      ...(scope.engine ? [Prisma.sql`${t}.engine = ${scope.engine}::"CallEngine"`] : []),
      ...(scope.agentVersionId ? [Prisma.sql`${t}."agentVersionId" = ${scope.agentVersionId}::uuid`] : []),
      ...(scope.includeTests ? [] : [Prisma.sql`NOT ${t}."isTest"`]),
    ],
    " AND ",
  );
}

/** span: the rolled-up hours to read; dirty: those among them to read raw; raw: the stretches to read raw. */
function sourceCtes(scope: OverviewScope, span: RollupSpan): Prisma.Sql {
  return Prisma.sql`
    span AS MATERIALIZED (
      SELECT p.lo, greatest(p.lo, least(p.hi, coalesce((SELECT watermark FROM "OverviewRollup" WHERE id = 1), p.lo))) AS hi
      FROM (SELECT ${span.lo}::timestamptz AS lo, ${span.hi}::timestamptz AS hi) p),
    dirty AS MATERIALIZED (
      SELECT d.hour FROM "OverviewDirtyHour" d, span
      WHERE d."companyId" = ${scope.companyId}::uuid AND d.hour >= span.lo AND d.hour < span.hi),
    raw AS (
      SELECT ${scope.from}::timestamptz AS "from", span.lo AS "to" FROM span
      UNION ALL SELECT span.hi, ${scope.to}::timestamptz FROM span
      UNION ALL SELECT hour, hour + interval '1 hour' FROM dirty)`;
}

const rolledUp = (scope: OverviewScope) => Prisma.sql`
  o.hour >= span.lo AND o.hour < span.hi AND NOT EXISTS (SELECT 1 FROM dirty WHERE dirty.hour = o.hour)
  AND ${filters(scope, "o")}`;

const rawCalls = (scope: OverviewScope) => Prisma.sql`
  raw JOIN "CallSession" cs ON cs."startedAt" >= raw."from" AND cs."startedAt" < raw."to" AND ${filters(scope, "cs")}`;

/**
 * The period's calls by bucket and outcome (null: not analysed yet), and by agent, version and
 * engine: rolled-up hours and raw calls summed together (the costs exactly, as numeric, to
 * float8 only at the end).
 */
export const volumeQuery = (scope: OverviewScope, span: RollupSpan) => Prisma.sql`
  WITH ${sourceCtes(scope, span)}
  SELECT GROUPING(bucket) = 1 AS "byGroup", bucket, outcome, "agentId", "agentVersionId", engine,
    sum(calls)::int AS calls, sum(connected)::int AS connected, sum(completed)::int AS completed,
    sum("handedOff")::int AS "handedOff", sum(costed)::int AS costed,
    coalesce(sum("costedUsd"), 0)::float8 AS "costedUsd", coalesce(sum("costUsd"), 0)::float8 AS "costUsd"
  FROM (
    SELECT ${bucketOf(scope, Prisma.sql`o.hour`)} AS bucket, o.outcome, o."agentId", o."agentVersionId", o.engine,
      o.calls, o.connected, o.completed, o."handedOff", o.costed, o."costedUsd", o."costUsd"
    FROM "OverviewHour" o CROSS JOIN span WHERE ${rolledUp(scope)}
    UNION ALL
    SELECT ${bucketOf(scope, Prisma.sql`cs."startedAt"`)}, cs.outcome, cs."agentId", cs."agentVersionId", cs.engine, ${CALL_FIGURES}
    FROM ${rawCalls(scope)}
  ) f
  GROUP BY GROUPING SETS ((bucket, outcome), ("agentId", "agentVersionId", engine))
  -- The page adds the rows up in this order, whichever source they came from.
  ORDER BY 1, 2, 3, 4, 5, 6`;

/**
 * Turn latency by bucket and by agent, version and engine (a call's turns count in the bucket of
 * the call's start), as histograms (latency-histogram.ts) with the turns' count and sum: the
 * rolled-up hours' histograms merged with the raw calls' latencies, binned the same way. A
 * rolled-up row's sum comes as a row without a bin.
 */
export const latencyQuery = (scope: OverviewScope, span: RollupSpan) => Prisma.sql`
  WITH ${sourceCtes(scope, span)},
  turns AS (
    SELECT ${bucketOf(scope, Prisma.sql`o.hour`)} AS bucket, o."agentId", o."agentVersionId", o.engine, h.bin, h.n, h.ms
    FROM "OverviewHourLatency" o CROSS JOIN span
    CROSS JOIN LATERAL (SELECT NULL::int AS bin, 0 AS n, o."sumMs" AS ms
                        UNION ALL SELECT u.bin, u.n, 0 FROM unnest(o.bins, o."binCounts") AS u(bin, n)) h
    WHERE ${rolledUp(scope)}
    UNION ALL
    SELECT ${bucketOf(scope, Prisma.sql`cs."startedAt"`)}, cs."agentId", cs."agentVersionId", cs.engine,
      ${latencyBin(Prisma.sql`l.ms`)}, 1, l.ms
    FROM ${rawCalls(scope)} CROSS JOIN LATERAL unnest(cs."turnLatenciesMs") AS l(ms)),
  by_bin AS (
    SELECT GROUPING(bucket) = 1 AS "byGroup", bucket, "agentId", "agentVersionId", engine, bin,
      sum(n) AS n, sum(n) FILTER (WHERE engine = 'legacy') AS legacy, sum(ms) AS ms
    FROM turns GROUP BY GROUPING SETS ((bucket, bin), ("agentId", "agentVersionId", engine, bin)))
  SELECT "byGroup", bucket, "agentId", "agentVersionId", engine,
    sum(n)::int AS turns, coalesce(sum(legacy), 0)::int AS "legacyTurns", sum(ms)::float8 AS "sumMs",
    coalesce(array_agg(bin ORDER BY bin) FILTER (WHERE bin IS NOT NULL), '{}') AS bins,
    coalesce(array_agg(n::int ORDER BY bin) FILTER (WHERE bin IS NOT NULL), '{}') AS "binCounts"
  FROM by_bin GROUP BY "byGroup", bucket, "agentId", "agentVersionId", engine
  HAVING sum(n) > 0`;
