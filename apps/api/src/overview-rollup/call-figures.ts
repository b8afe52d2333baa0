import { Prisma } from "@koe/db";

/**
 * What one call adds to the overview's counts, as the columns the roll-up stores (OverviewHour):
 * the roll-up job sums them per hour, the overview sums them over the calls it reads raw. The
 * calls are `cs` (CallSession).
 */
const CONNECTED = Prisma.sql`cs.status IN ('completed', 'interrupted')`;

export const CALL_FIGURES = Prisma.sql`
  1 AS calls,
  (${CONNECTED})::int AS connected,
  (cs.status = 'completed' AND cs."handoffAt" IS NULL)::int AS completed,
  (${CONNECTED} AND cs."handoffAt" IS NOT NULL)::int AS "handedOff",
  (${CONNECTED} AND cs.engine = 'realtime')::int AS costed,
  CASE WHEN ${CONNECTED} AND cs.engine = 'realtime' THEN cs."costUsd" ELSE 0 END AS "costedUsd",
  cs."costUsd"`;

/** The sums of CALL_FIGURES' columns, with the costs as `costType`. */
const sumCallFigures = (costType: "numeric" | "float8") => Prisma.sql`
  sum(calls)::int AS calls, sum(connected)::int AS connected, sum(completed)::int AS completed,
  sum("handedOff")::int AS "handedOff", sum(costed)::int AS costed,
  coalesce(sum("costedUsd"), 0)::${Prisma.raw(costType)} AS "costedUsd",
  coalesce(sum("costUsd"), 0)::${Prisma.raw(costType)} AS "costUsd"`;

/** The sums, exact (the costs as numeric): for the roll-up's rows and every step but the last. */
export const SUM_CALL_FIGURES = sumCallFigures("numeric");
/** The same sums as the page reads them, the costs as float8: the last step only. */
export const SUM_CALL_FIGURES_FOR_PAGE = sumCallFigures("float8");

/** The columns a roll-up row is keyed by besides company and hour. */
export const CALL_KEY = Prisma.sql`cs."agentId", cs."agentVersionId", cs.engine, cs."isTest"`;
