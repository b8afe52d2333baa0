import { Prisma } from "@koe/db";

const KEY = Prisma.sql`"companyId", "timeZone", day, "dayEnd", "agentId", "agentVersionId", engine, "isTest"`;

/**
 * Sums the hours' latency rows into each company's local days (OverviewDayLatency), inside the
 * roll-up step's transaction, for the days that ended by `to`: those that ended since `from`, those
 * with a dirty hour rolled again in this step, and every day of a company whose time zone changed
 * (or whose days were never built). Days whose midnights are not whole UTC hours (Asia/Kolkata) get
 * none: the overview reads such zones raw.
 */
export async function rollUpDays(
  tx: Prisma.TransactionClient,
  step: { from: Date; to: Date; dirty: { companyId: string; hour: Date }[] },
): Promise<number> {
  const moved = (
    await tx.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM "Company" c LEFT JOIN "OverviewDayProgress" p ON p."companyId" = c.id
      WHERE p."timeZone" IS DISTINCT FROM c."timeZone"`
  ).map((c) => c.id);
  if (moved.length > 0) {
    await tx.$executeRaw`DELETE FROM "OverviewDayLatency" WHERE "companyId" = ANY(${moved}::uuid[])`;
    await tx.$executeRaw`
      INSERT INTO "OverviewDayProgress" ("companyId", "timeZone")
      SELECT id, "timeZone" FROM "Company" WHERE id = ANY(${moved}::uuid[])
      ON CONFLICT ("companyId") DO UPDATE SET "timeZone" = EXCLUDED."timeZone"`;
  }
  const days = await tx.$queryRaw<{ companyId: string; timeZone: string; day: Date; dayEnd: Date }[]>`
    WITH spans AS (
      SELECT c.id, c."timeZone", (SELECT min(hour) FROM "OverviewHourLatency" o WHERE o."companyId" = c.id) AS lo, ${step.to}::timestamptz AS hi
      FROM "Company" c WHERE c.id = ANY(${moved}::uuid[])
      UNION ALL
      SELECT c.id, c."timeZone", ${step.from}::timestamptz, ${step.to}::timestamptz FROM "Company" c
      UNION ALL
      SELECT d."companyId", c."timeZone", d.hour, d.hour + interval '1 hour'
      FROM unnest(${step.dirty.map((d) => d.companyId)}::uuid[], ${step.dirty.map((d) => d.hour)}::timestamptz[]) AS d("companyId", hour)
      JOIN "Company" c ON c.id = d."companyId")
    SELECT DISTINCT s.id AS "companyId", s."timeZone", l.day AT TIME ZONE s."timeZone" AS day,
      (l.day + interval '1 day') AT TIME ZONE s."timeZone" AS "dayEnd"
    FROM spans s CROSS JOIN LATERAL generate_series(
      date_trunc('day', s.lo AT TIME ZONE s."timeZone"), date_trunc('day', s.hi AT TIME ZONE s."timeZone"), interval '1 day') AS l(day)
    WHERE s.lo < s.hi AND (l.day + interval '1 day') AT TIME ZONE s."timeZone" <= ${step.to}
      AND (l.day + interval '1 day') AT TIME ZONE s."timeZone" > s.lo
      AND date_trunc('hour', l.day AT TIME ZONE s."timeZone", 'UTC') = l.day AT TIME ZONE s."timeZone"
      AND date_trunc('hour', (l.day + interval '1 day') AT TIME ZONE s."timeZone", 'UTC')
        = (l.day + interval '1 day') AT TIME ZONE s."timeZone"`;
  if (days.length === 0) return 0;
  const list = Prisma.sql`unnest(${days.map((d) => d.companyId)}::uuid[], ${days.map((d) => d.timeZone)}::text[],
    ${days.map((d) => d.day)}::timestamptz[], ${days.map((d) => d.dayEnd)}::timestamptz[]) AS d("companyId", "timeZone", day, "dayEnd")`;
  await tx.$executeRaw`
    DELETE FROM "OverviewDayLatency" o USING ${list} WHERE o."companyId" = d."companyId" AND o.day = d.day`;
  // A row of each hour's sums without a bin, and its bins' counts, summed per day.
  await tx.$executeRaw`
    WITH hours AS MATERIALIZED (
      SELECT d.*, o."agentId", o."agentVersionId", o.engine, o."isTest", o.turns, o."sumMs", o.bins, o."binCounts"
      FROM ${list} JOIN "OverviewHourLatency" o
        ON o."companyId" = d."companyId" AND o.hour >= d.day AND o.hour < d."dayEnd")
    INSERT INTO "OverviewDayLatency" (${KEY}, turns, "sumMs", bins, "binCounts")
    SELECT ${KEY}, sum(turns)::int, sum(ms), array_agg(bin ORDER BY bin) FILTER (WHERE bin IS NOT NULL),
      array_agg(n ORDER BY bin) FILTER (WHERE bin IS NOT NULL)
    FROM (
      SELECT ${KEY}, u.bin, sum(u.n)::int AS n, 0 AS turns, 0::float8 AS ms
      FROM hours CROSS JOIN LATERAL unnest(bins, "binCounts") AS u(bin, n) GROUP BY ${KEY}, u.bin
      UNION ALL
      SELECT ${KEY}, NULL, NULL, turns, "sumMs" FROM hours) x
    GROUP BY ${KEY}`;
  return days.length;
}
