import { Prisma, type PrismaClient } from "@koe/db";
import { cursorPage } from "../cursor-page.ts";
import type { TranscriptSearchInput } from "./transcripts.types.ts";

type MatchRow = {
  id: bigint;
  callId: string;
  occurredAt: Date;
  role: string;
  text: string;
  callStartedAt: Date;
  direction: "inbound" | "outbound";
  fromNumber: string;
  toNumber: string;
  agentName: string | null;
};

/**
 * How many of the newest lines are read directly before the index is asked: a word said often
 * (予約 in a booking line) fills a page from them in milliseconds, where the index would hand back
 * millions of lines to sort.
 */
export const RECENT_LINES = 20_000;

/**
 * The company's transcript lines that contain `query` (ignoring letter case), newest first,
 * paged by event id, in two steps whose cost does not grow with the number of lines:
 * 1. the newest RECENT_LINES lines, read in id order; a common word fills the page here;
 * 2. otherwise the word is rare (under 1 line in RECENT_LINES / limit), and the GIN index on
 *    `koe_bigrams(text)` (migration 20261208300000) finds the lines that hold every two-character
 *    piece of it; `strpos` keeps those where the pieces are adjacent and in order (予定の約束 has
 *    予 and 約 but not 予約).
 * Left to itself the planner guesses a two-character word's frequency from one fixed estimate and
 * may walk all 20 million lines for a word nobody said; the steps make the choice from the data.
 * Figures: apps/api/bench/insights-bench.ts.
 */
export async function searchTranscripts(
  prisma: PrismaClient,
  companyId: string,
  input: TranscriptSearchInput,
) {
  const query = input.query.trim();
  const older = input.cursor ? Prisma.sql`AND e.id < ${BigInt(input.cursor)}` : Prisma.empty;
  const recent = await prisma.$queryRaw<MatchRow[]>`
    WITH lines AS (
      SELECT e.id, e."callSessionId", e."occurredAt", e.payload FROM "CallEvent" e
      WHERE e."companyId" = ${companyId}::uuid AND e.type = 'transcript' ${older}
      ORDER BY e.id DESC LIMIT ${RECENT_LINES})
    ${selectMatches(query, input.limit)}`;
  const rows =
    recent.length > input.limit
      ? recent
      : await prisma.$queryRaw<MatchRow[]>`
          WITH lines AS MATERIALIZED (
            SELECT e.id, e."callSessionId", e."occurredAt", e.payload FROM "CallEvent" e
            WHERE e."companyId" = ${companyId}::uuid AND e.type = 'transcript' ${older}
              AND koe_bigrams(e.payload ->> 'text') @> koe_query_bigrams(${query}))
          ${selectMatches(query, input.limit)}`;
  const { page, nextCursor } = cursorPage(rows, input.limit, (last) => last.id.toString());
  return {
    query,
    matches: page.map((row) => ({
      /** The line's event id: call detail scrolls to it (`/calls/<callId>?line=<lineId>`). */
      lineId: row.id.toString(),
      callId: row.callId,
      occurredAt: row.occurredAt.toISOString(),
      role: row.role === "agent" ? ("agent" as const) : ("caller" as const),
      text: row.text,
      call: {
        startedAt: row.callStartedAt.toISOString(),
        direction: row.direction,
        fromNumber: row.fromNumber,
        toNumber: row.toNumber,
        agentName: row.agentName,
      },
    })),
    nextCursor,
  };
}

/** The page of `lines` (a CTE) that contain the query, then their calls for those lines alone. */
function selectMatches(query: string, limit: number): Prisma.Sql {
  return Prisma.sql`,
    hits AS MATERIALIZED (
      SELECT l.id, l."callSessionId", l."occurredAt", l.payload FROM lines l
      WHERE strpos(lower(l.payload ->> 'text'), lower(${query})) > 0
      ORDER BY l.id DESC
      LIMIT ${limit + 1})
    SELECT h.id, h."callSessionId" AS "callId", h."occurredAt",
           h.payload ->> 'role' AS role, h.payload ->> 'text' AS text,
           cs."startedAt" AS "callStartedAt", cs.direction::text AS direction,
           cs."fromNumber", cs."toNumber", a.name AS "agentName"
    FROM hits h
    JOIN "CallSession" cs ON cs.id = h."callSessionId"
    LEFT JOIN "Agent" a ON a.id = cs."agentId"
    ORDER BY h.id DESC`;
}
