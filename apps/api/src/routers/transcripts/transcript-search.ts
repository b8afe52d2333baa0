import { type PrismaClient, Prisma } from "@koe/db";
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
 * The company's transcript lines that contain `query`, newest first, paged by event id.
 *
 * The GIN index on `koe_bigrams(text)` (migration 20261208300000) finds the lines holding every
 * two-character piece of the query, and `strpos` keeps those where the pieces are adjacent and in
 * order (予定の約束 has 予 and 約 but not 予約). For a word in many lines the planner walks the
 * newest lines instead and stops at the page's end; either way a page costs milliseconds at
 * 20 million lines (apps/api/bench/insights-bench.ts).
 */
export async function searchTranscripts(prisma: PrismaClient, companyId: string, input: TranscriptSearchInput) {
  const query = input.query.trim();
  const rows = await prisma.$queryRaw<MatchRow[]>`
    SELECT e.id, e."callSessionId" AS "callId", e."occurredAt",
           e.payload ->> 'role' AS role, e.payload ->> 'text' AS text,
           cs."startedAt" AS "callStartedAt", cs.direction::text AS direction,
           cs."fromNumber", cs."toNumber", a.name AS "agentName"
    FROM "CallEvent" e
    JOIN "CallSession" cs ON cs.id = e."callSessionId"
    LEFT JOIN "Agent" a ON a.id = cs."agentId"
    WHERE e."companyId" = ${companyId}::uuid AND e.type = 'transcript'
      AND koe_bigrams(e.payload ->> 'text') @> koe_query_bigrams(${query})
      AND strpos(lower(e.payload ->> 'text'), lower(${query})) > 0
      ${input.cursor ? Prisma.sql`AND e.id < ${BigInt(input.cursor)}` : Prisma.empty}
    ORDER BY e.id DESC
    LIMIT ${input.limit + 1}`;
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
