import type { Prisma } from "@koe/db";
import type { z } from "zod";
import { cursorPage } from "../cursor-page.ts";
import { callSummarySelect, toCallSummary } from "./call-summary.ts";
import type { historyInput } from "./calls.types.ts";
import { decodeCursor, encodeCursor } from "./history-cursor.ts";

type HistoryInput = z.infer<typeof historyInput>;

/**
 * A page of the company's call history, newest first. Keyset pagination on (startedAt, id), so
 * a page costs the same at the millionth call as at the first and rows arriving meanwhile never
 * shift a page.
 */
export async function callHistory(prisma: Prisma.TransactionClient, companyId: string, input: HistoryInput) {
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const where: Prisma.CallSessionWhereInput = {
    companyId,
    startedAt: {
      ...(input.from ? { gte: new Date(input.from) } : {}),
      ...(input.to ? { lt: new Date(input.to) } : {}),
    },
    ...(input.agentId ? { agentId: input.agentId } : {}),
    ...(input.engine ? { engine: input.engine } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.handoff === undefined ? {} : { handoffAt: input.handoff ? { not: null } : null }),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(cursor
      ? {
          OR: [
            { startedAt: { lt: cursor.startedAt } },
            { startedAt: cursor.startedAt, id: { lt: cursor.id } },
          ],
        }
      : {}),
  };
  const rows = await prisma.callSession.findMany({
    where,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: callSummarySelect,
  });
  const { page, nextCursor } = cursorPage(rows, input.limit, encodeCursor);
  return { calls: page.map(toCallSummary), nextCursor };
}
