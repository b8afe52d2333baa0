import { Prisma, type PrismaClient } from "@koe/db";
import { CALL_FIGURES, CALL_KEY, SUM_CALL_FIGURES } from "./call-figures.ts";
import { latencyBin } from "./latency-histogram.ts";
import { rollUpDays } from "./roll-up-days.ts";

/** graphile-worker's task name; the api's job worker runs it from its crontab. */
export const ROLL_UP_OVERVIEW_TASK = "roll_up_overview";

/**
 * An hour is rolled up once it ended this long ago: its calls have ended and been analysed, so
 * few change later. The trigger that marks changed hours dirty (migration
 * 20261209000000_overview_rollup) looks at calls that started over an hour ago; the hour between
 * the two, and the cap by the oldest open transaction below, make sure no change to an hour the
 * job rolls up for the first time goes unmarked.
 */
const SETTLE = Prisma.sql`interval '2 hours'`;
const TRIGGER_AGE = Prisma.sql`interval '1 hour'`;
/** Hours rolled up per transaction, and dirty hours rolled again: each step stays well within the statement timeout. */
const STEP_HOURS = 24 * 7;
const DIRTY_PER_STEP = 24 * 7;
const MAX_STEPS = 1_000;
const MAX_RETRIES = 5;
const HOUR_MS = 3_600_000;

export type RollUpResult = { steps: number; hours: number; dirtyHours: number; watermark: Date | null };

/**
 * Rolls up the hours since the watermark (for every company) and rolls again the hours marked
 * dirty, a week at a time, each step one REPEATABLE READ transaction: the calls it reads, the
 * markers it deletes and the watermark it moves are one snapshot's. A marker touched after that
 * snapshot makes the delete fail (serialization failure) and the step run again.
 */
export async function rollUpOverview(prisma: PrismaClient): Promise<RollUpResult> {
  const result: RollUpResult = { steps: 0, hours: 0, dirtyHours: 0, watermark: null };
  while (result.steps < MAX_STEPS) {
    const step = await retryOnConflict(() => rollUpStep(prisma));
    result.steps += 1;
    result.hours += step.hours;
    result.dirtyHours += step.dirtyHours;
    result.watermark = step.watermark;
    if (step.hours === 0 && step.dirtyHours < DIRTY_PER_STEP) break;
  }
  return result;
}

async function rollUpStep(prisma: PrismaClient) {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      // From the watermark (the first call's hour the first time) to a week on, short of SETTLE ago.
      const [state] = await tx.$queryRaw<{ from: Date | null; to: Date | null }[]>`
        SELECT w."from", greatest(w."from", least(
          date_trunc('hour', clock_timestamp() - ${SETTLE}, 'UTC'),
          -- A transaction still open may have changed a call of a later hour unmarked.
          date_trunc('hour', (SELECT min(a.xact_start) FROM pg_stat_activity a
                              WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                                AND a.xact_start IS NOT NULL) - ${TRIGGER_AGE}, 'UTC'),
          w."from" + ${Prisma.raw(`interval '${STEP_HOURS} hours'`)})) AS "to"
        FROM (SELECT coalesce(r.watermark, (
                SELECT date_trunc('hour', min(first.at), 'UTC') FROM "Company" c
                CROSS JOIN LATERAL (SELECT min(cs."startedAt") AS at FROM "CallSession" cs WHERE cs."companyId" = c.id) first
              )) AS "from"
              FROM "OverviewRollup" r WHERE r.id = 1 FOR UPDATE) w`;
      if (!state?.to) throw new Error("OverviewRollup has no row: run the migrations");
      // No calls yet: the watermark starts SETTLE ago (calls added before it later are marked dirty).
      const to = state.to;
      const from = state.from ?? to;
      const dirty = await tx.$queryRaw<{ companyId: string; hour: Date }[]>`
        SELECT "companyId", hour FROM "OverviewDirtyHour" WHERE hour < ${from}
        ORDER BY hour LIMIT ${DIRTY_PER_STEP}`;
      const dirtyCompanies = dirty.map((d) => d.companyId);
      const dirtyHours = dirty.map((d) => d.hour);
      const marked = Prisma.sql`unnest(${dirtyCompanies}::uuid[], ${dirtyHours}::timestamptz[]) AS d("companyId", hour)`;
      if (dirty.length > 0) {
        await tx.$executeRaw`DELETE FROM "OverviewHour" o USING ${marked} WHERE o."companyId" = d."companyId" AND o.hour = d.hour`;
        await tx.$executeRaw`DELETE FROM "OverviewHourLatency" o USING ${marked} WHERE o."companyId" = d."companyId" AND o.hour = d.hour`;
      }
      // The calls to (re)read: every company's of the new hours, and the dirty hours' (as constants,
      // so that the planner reads each stretch through the (companyId, startedAt) index).
      const companies = (await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Company"`).map((c) => c.id);
      const stretches = [
        ...(to > from
          ? [
              Prisma.sql`(cs."companyId" = ANY(${companies}::uuid[]) AND cs."startedAt" >= ${from} AND cs."startedAt" < ${to})`,
            ]
          : []),
        ...dirty.map(
          (d) =>
            Prisma.sql`(cs."companyId" = ${d.companyId}::uuid AND cs."startedAt" >= ${d.hour} AND cs."startedAt" < ${new Date(d.hour.getTime() + HOUR_MS)})`,
        ),
      ];
      const calls = stretches.length > 0 ? Prisma.join(stretches, " OR ") : Prisma.sql`false`;
      const hourOf = Prisma.sql`date_trunc('hour', cs."startedAt", 'UTC')`;
      await tx.$executeRaw`
        INSERT INTO "OverviewHour" ("companyId", hour, "agentId", "agentVersionId", engine, "isTest", outcome,
          calls, connected, completed, "handedOff", costed, "costedUsd", "costUsd")
        SELECT "companyId", hour, "agentId", "agentVersionId", engine, "isTest", outcome, ${SUM_CALL_FIGURES}
        FROM (SELECT cs."companyId", ${hourOf} AS hour, ${CALL_KEY}, cs.outcome, ${CALL_FIGURES} FROM "CallSession" cs WHERE ${calls}) f
        GROUP BY "companyId", hour, "agentId", "agentVersionId", engine, "isTest", outcome`;
      await tx.$executeRaw`
        INSERT INTO "OverviewHourLatency" ("companyId", hour, "agentId", "agentVersionId", engine, "isTest",
          turns, "sumMs", bins, "binCounts")
        SELECT "companyId", hour, "agentId", "agentVersionId", engine, "isTest", sum(n)::int, sum(ms),
          array_agg(bin ORDER BY bin), array_agg(n ORDER BY bin)
        FROM (SELECT cs."companyId", ${hourOf} AS hour, ${CALL_KEY}, ${latencyBin(Prisma.sql`l.ms`)} AS bin,
                     count(*)::int AS n, sum(l.ms) AS ms
              FROM "CallSession" cs CROSS JOIN LATERAL unnest(cs."turnLatenciesMs") AS l(ms) WHERE ${calls}
              GROUP BY 1, 2, 3, 4, 5, 6, 7) b
        GROUP BY "companyId", hour, "agentId", "agentVersionId", engine, "isTest"`;
      await rollUpDays(tx, { from, to, dirty });
      // Only the markers this snapshot saw; one touched since fails the step (and it runs again).
      await tx.$executeRaw`
        DELETE FROM "OverviewDirtyHour" m USING ${marked} WHERE m."companyId" = d."companyId" AND m.hour = d.hour`;
      await tx.$executeRaw`DELETE FROM "OverviewDirtyHour" WHERE hour >= ${from} AND hour < ${to}`;
      await tx.$executeRaw`UPDATE "OverviewRollup" SET watermark = ${to} WHERE id = 1`;
      return { hours: (to.getTime() - from.getTime()) / HOUR_MS, dirtyHours: dirty.length, watermark: to };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 120_000, maxWait: 10_000 },
  );
}

/** A serialization failure or deadlock (another step, a touched marker): the step runs again. */
async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= MAX_RETRIES || !isConflict(error)) throw error;
    }
  }
}

function isConflict(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  const text = String(error instanceof Error ? error.message : error);
  return /could not serialize|deadlock detected|40001|40P01/.test(text);
}
