import { Prisma, type PrismaClient } from "@koe/db";
import {
  CALL_FIGURES,
  SUM_CALL_FIGURES,
  SUM_CALL_FIGURES_FOR_PAGE,
} from "../../overview-rollup/call-figures.ts";
import { latencyBin } from "../../overview-rollup/latency-histogram.ts";
import type { OverviewScope } from "./overview-queries.ts";

/**
 * Where the overview reads a period's calls from: the whole hours inside the period that the
 * roll-up has done (before its watermark) and no marker calls dirty come from OverviewHour and
 * OverviewHourLatency; the rest (the period's ragged ends, the hours since the watermark, dirty
 * hours) from CallSession. All in one REPEATABLE READ snapshot, so each call counts once.
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

/** A bucket's start in the company's wall-clock time (timestamp), then as text, e.g. 2026-12-01T09:00. */
const bucketOf = (scope: OverviewScope, column: Prisma.Sql) =>
  Prisma.sql`date_trunc(${scope.bucket}, ${column} AT TIME ZONE ${scope.timeZone})`;
const BUCKET_TEXT = Prisma.sql`to_char(bucket, 'YYYY-MM-DD"T"HH24:MI')`;

/** The scope's filters on calls or roll-up rows (which have the same columns). */
function filters(scope: OverviewScope, alias: "cs" | "o" | "d"): Prisma.Sql {
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

/**
 * The rolled-up hours to read (from lo to hi, but the dirty ones; for latency, the local days
 * rolled up whole instead of their hours, when the buckets are days), and the stretches of calls
 * to read.
 */
export type Sources = {
  lo: Date;
  hi: Date;
  dirty: Date[];
  raw: [Date, Date][];
  days: Date[];
  latencyHours: [Date, Date][];
};

/**
 * Reads the watermark, the period's dirty hours and rolled-up days, in the snapshot the figures
 * are then read in. The stretches become constants of the queries, so that the planner reads each
 * through the index.
 */
export async function readSources(
  tx: Prisma.TransactionClient,
  scope: OverviewScope,
  span: RollupSpan,
): Promise<Sources> {
  const [row] = await tx.$queryRaw<
    { hi: Date; dirty: Date[]; days: Date[] | null; dayEnds: Date[] | null }[]
  >`
    WITH w AS (
      SELECT greatest(${span.lo}::timestamptz, least(${span.hi}::timestamptz, coalesce(watermark, ${span.lo}::timestamptz))) AS hi
      FROM "OverviewRollup" WHERE id = 1),
    days AS (
      SELECT DISTINCT day, "dayEnd" FROM "OverviewDayLatency", w
      WHERE ${scope.bucket === "day"} AND "companyId" = ${scope.companyId}::uuid AND "timeZone" = ${scope.timeZone}
        AND day >= ${span.lo}::timestamptz AND "dayEnd" <= w.hi
        AND NOT EXISTS (SELECT 1 FROM "OverviewDirtyHour" m WHERE m."companyId" = ${scope.companyId}::uuid
                        AND m.hour >= day AND m.hour < "dayEnd"))
    SELECT w.hi,
      ARRAY(SELECT hour FROM "OverviewDirtyHour" WHERE "companyId" = ${scope.companyId}::uuid
            AND hour >= ${span.lo}::timestamptz AND hour < w.hi ORDER BY hour) AS dirty,
      (SELECT array_agg(day ORDER BY day) FROM days) AS days,
      (SELECT array_agg("dayEnd" ORDER BY day) FROM days) AS "dayEnds"
    FROM w`;
  const lo = span.lo;
  const hi = row?.hi ?? lo;
  const dirty = row?.dirty ?? [];
  const days = row?.days ?? [];
  const hour = (at: Date): [Date, Date] => [at, new Date(at.getTime() + HOUR_MS)];
  const raw = joined([[scope.from, lo], ...dirty.map(hour), [hi, scope.to]]);
  // The rolled-up span but its whole days, for the hours' latency rows.
  const dayEnds = row?.dayEnds ?? [];
  const edges = [lo, ...days.flatMap((day, i) => [day, dayEnds[i] ?? day]), hi];
  const latencyHours = joined(
    edges.flatMap((at, i) => (i % 2 === 0 ? [[at, edges[i + 1] ?? at] as [Date, Date]] : [])),
  );
  return { lo, hi, dirty, raw, days, latencyHours };
}

/** Non-empty stretches, in order, with those that touch joined. */
function joined(stretches: [Date, Date][]): [Date, Date][] {
  const result: [Date, Date][] = [];
  for (const [from, to] of stretches) {
    if (from >= to) continue;
    const last = result.at(-1);
    if (last && last[1].getTime() === from.getTime()) last[1] = to;
    else result.push([from, to]);
  }
  return result;
}

const rolledUp = (scope: OverviewScope, sources: Sources) => Prisma.sql`
  o.hour >= ${sources.lo} AND o.hour < ${sources.hi} AND o.hour <> ALL(${sources.dirty}::timestamptz[])
  AND ${filters(scope, "o")}`;

/** Either stretch of a column, or none. */
const within = (column: Prisma.Sql, stretches: [Date, Date][]) =>
  stretches.length > 0
    ? Prisma.sql`(${Prisma.join(
        stretches.map(([from, to]) => Prisma.sql`(${column} >= ${from} AND ${column} < ${to})`),
        " OR ",
      )})`
    : Prisma.sql`false`;

/** The calls to read raw (cs). */
const rawCalls = (scope: OverviewScope, sources: Sources) =>
  Prisma.sql`${filters(scope, "cs")} AND ${within(Prisma.sql`cs."startedAt"`, sources.raw)}`;

/**
 * The period's calls by bucket and outcome (null: not analysed yet), and by agent, version and
 * engine: rolled-up hours and raw calls summed together (the costs exactly, as numeric, to
 * float8 only at the end), first by all of these, then by each split.
 */
export const volumeQuery = (scope: OverviewScope, sources: Sources) => Prisma.sql`
  WITH calls AS (
    SELECT ${bucketOf(scope, Prisma.sql`o.hour`)} AS bucket, o.outcome, o."agentId", o."agentVersionId", o.engine,
      o.calls, o.connected, o.completed, o."handedOff", o.costed, o."costedUsd", o."costUsd"
    FROM "OverviewHour" o WHERE ${rolledUp(scope, sources)}
    UNION ALL
    SELECT ${bucketOf(scope, Prisma.sql`cs."startedAt"`)}, cs.outcome, cs."agentId", cs."agentVersionId", cs.engine, ${CALL_FIGURES}
    FROM "CallSession" cs WHERE ${rawCalls(scope, sources)}),
  fine AS (
    SELECT bucket, outcome, "agentId", "agentVersionId", engine, ${SUM_CALL_FIGURES}
    FROM calls GROUP BY bucket, outcome, "agentId", "agentVersionId", engine)
  SELECT GROUPING(bucket) = 1 AS "byGroup", ${BUCKET_TEXT} AS bucket, outcome, "agentId", "agentVersionId", engine,
    ${SUM_CALL_FIGURES_FOR_PAGE}
  FROM fine
  GROUP BY GROUPING SETS ((bucket, outcome), ("agentId", "agentVersionId", engine))
  -- The page adds the rows up in this order, whichever source they came from.
  ORDER BY 1, 2, 3, 4, 5, 6`;

/**
 * Turn latency by bucket and by agent, version and engine (a call's turns count in the bucket of
 * the call's start), as histograms (latency-histogram.ts) with the turns' count and sum: the
 * rolled-up hours' histograms merged with the raw calls' latencies, binned the same way, first by
 * bucket, agent, version, engine and bin, then by each split. A rolled-up row's sum comes as a
 * row without a bin.
 */
export const latencyQuery = (scope: OverviewScope, sources: Sources) => Prisma.sql`
  WITH rolled AS MATERIALIZED (
    SELECT ${bucketOf(scope, Prisma.sql`o.hour`)} AS bucket, o."agentId", o."agentVersionId", o.engine, o."sumMs", o.bins, o."binCounts"
    FROM "OverviewHourLatency" o
    WHERE ${filters(scope, "o")} AND ${within(Prisma.sql`o.hour`, sources.latencyHours)}
      AND o.hour <> ALL(${sources.dirty}::timestamptz[])
    UNION ALL
    SELECT ${bucketOf(scope, Prisma.sql`d.day`)}, d."agentId", d."agentVersionId", d.engine, d."sumMs", d.bins, d."binCounts"
    FROM "OverviewDayLatency" d
    WHERE ${filters(scope, "d")} AND d."timeZone" = ${scope.timeZone} AND d.day = ANY(${sources.days}::timestamptz[])),
  turns AS (
    SELECT bucket, "agentId", "agentVersionId", engine, u.bin, u.n, 0::float8 AS ms
    FROM rolled CROSS JOIN LATERAL unnest(bins, "binCounts") AS u(bin, n)
    UNION ALL
    SELECT bucket, "agentId", "agentVersionId", engine, NULL, 0, "sumMs" FROM rolled
    UNION ALL
    SELECT ${bucketOf(scope, Prisma.sql`cs."startedAt"`)}, cs."agentId", cs."agentVersionId", cs.engine,
      ${latencyBin(Prisma.sql`l.ms`)}, 1, l.ms
    FROM "CallSession" cs CROSS JOIN LATERAL unnest(cs."turnLatenciesMs") AS l(ms) WHERE ${rawCalls(scope, sources)}),
  fine AS (
    SELECT bucket, "agentId", "agentVersionId", engine, bin, sum(n)::int AS n, sum(ms) AS ms
    FROM turns GROUP BY bucket, "agentId", "agentVersionId", engine, bin),
  by_bin AS (
    SELECT GROUPING(bucket) = 1 AS "byGroup", bucket, "agentId", "agentVersionId", engine, bin,
      sum(n) AS n, sum(n) FILTER (WHERE engine = 'legacy') AS legacy, sum(ms) AS ms
    FROM fine GROUP BY GROUPING SETS ((bucket, bin), ("agentId", "agentVersionId", engine, bin)))
  SELECT "byGroup", ${BUCKET_TEXT} AS bucket, "agentId", "agentVersionId", engine,
    sum(n)::int AS turns, coalesce(sum(legacy), 0)::int AS "legacyTurns", sum(ms)::float8 AS "sumMs",
    coalesce(array_agg(bin ORDER BY bin) FILTER (WHERE bin IS NOT NULL), '{}') AS bins,
    coalesce(array_agg(n::int ORDER BY bin) FILTER (WHERE bin IS NOT NULL), '{}') AS "binCounts"
  FROM by_bin GROUP BY "byGroup", bucket, "agentId", "agentVersionId", engine
  HAVING sum(n) > 0`;
