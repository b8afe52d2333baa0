import { type CallSession, LIVE_CALL_STATUSES, Prisma, type PrismaClient } from "@koe/db";

/** `CallSession`'s key, and what the database keeps itself: no change sets them. */
const KEPT = ["id", "createdAt", "updatedAt"] as const;
/** The columns of `CallSession` a change may set. */
type Column = Exclude<keyof CallSession, (typeof KEPT)[number]>;

/**
 * A change to a call's row: values of the Prisma schema's own types (a decimal may be a number),
 * never Prisma's operations such as `{ increment }`, so that JSON carries each value as it is.
 */
export type CallRowChange = {
  [K in Column]?: CallSession[K] extends Prisma.Decimal ? Prisma.Decimal | number : CallSession[K];
};

const COLUMNS: ReadonlySet<string> = new Set<string>(
  Object.values(Prisma.CallSessionScalarFieldEnum).filter(
    (field) => !(KEPT as readonly string[]).includes(field),
  ),
);

/** Throws, naming it, on a field that is not a column a change may set (the statement names them). */
export function assertCallRowChange(data: CallRowChange): void {
  const unknown = Object.keys(data).filter((field) => !COLUMNS.has(field));
  if (unknown.length > 0) throw new Error(`not a CallSession column a change may set: ${unknown.join(", ")}`);
}

/**
 * Many calls' row changes in one statement per set of columns, where one `updateMany` per call
 * cost Prisma's and pg's CPU per statement (a burst of 400 call starts landed seconds late). The
 * rows travel as one JSON array that PostgreSQL reads into `CallSession` records
 * (`jsonb_populate_recordset`), so each value is converted to its column's type by the database,
 * as Prisma's own statement would; `updatedAt` is set as Prisma's `@updatedAt` does. With
 * `whileLive`, only rows still live change (see the journal's ONLY_WHILE_LIVE). A statement the
 * database refuses changes none of its rows.
 */
export async function updateCallRows(
  prisma: PrismaClient,
  changes: { id: string; data: CallRowChange }[],
  options: { whileLive: boolean },
): Promise<void> {
  const byColumns = new Map<string, { id: string; data: CallRowChange }[]>();
  for (const change of changes) {
    // A field set to undefined changes nothing, as in Prisma's own update (JSON leaves it out too).
    const columns = Object.entries(change.data).flatMap(([column, value]) =>
      value === undefined ? [] : [column],
    );
    const key = columns.sort().join(",");
    const group = byColumns.get(key);
    if (group) group.push(change);
    else byColumns.set(key, [change]);
  }
  for (const [key, group] of byColumns) {
    if (key === "") continue;
    // The names are columns (assertCallRowChange), never taken from the values.
    const set = key.split(",").map((column) => `"${column}" = v."${column}"`);
    const live = options.whileLive ? ` AND c."status"::text = ANY($2::text[])` : "";
    await prisma.$executeRawUnsafe(
      `UPDATE "CallSession" AS c SET ${set.join(", ")}, "updatedAt" = now() FROM jsonb_populate_recordset(NULL::"CallSession", $1::jsonb) AS v WHERE c."id" = v."id"${live}`,
      JSON.stringify(group.map(({ id, data }) => ({ ...data, id }))),
      ...(options.whileLive ? [[...LIVE_CALL_STATUSES]] : []),
    );
  }
}
