import type { PrismaClient } from "@koe/db";
import type { CallEventTail, TailEvent } from "./call-event-tail.ts";
import { callEventSelect } from "./call-event-view.ts";

const BACKFILL_PAGE = 500;

export type EventScope = { companyId: string; callSessionId?: string };

/**
 * A company's (or one call's) events with ids above `after`, in id order, each exactly once:
 * first those already in the table, then new ones as the tail delivers them. The tail
 * subscription is taken before the table is read, so nothing appended in between is missed.
 */
export async function* followCallEvents(
  prisma: PrismaClient,
  tail: CallEventTail,
  scope: EventScope,
  after: bigint,
  signal: AbortSignal,
): AsyncGenerator<TailEvent[]> {
  const subscription = await tail.subscribe(
    (e) =>
      e.companyId === scope.companyId &&
      (scope.callSessionId === undefined || e.callSessionId === scope.callSessionId),
  );
  try {
    let last = after;
    while (last < subscription.from && !signal.aborted) {
      const page = await prisma.callEvent.findMany({
        where: { ...scope, id: { gt: last, lte: subscription.from } },
        orderBy: { id: "asc" },
        take: BACKFILL_PAGE,
        select: callEventSelect,
      });
      if (page.length > 0) yield page;
      if (page.length < BACKFILL_PAGE) break;
      last = page[page.length - 1]?.id ?? last;
    }
    if (subscription.from > last) last = subscription.from;
    for await (const batch of subscription.batches(signal)) {
      // A client that saw more than this process's tail has (it resumed here from another one).
      const fresh = batch.filter((e) => e.id > last);
      if (fresh.length === 0) continue;
      last = fresh[fresh.length - 1]?.id ?? last;
      yield fresh;
    }
  } finally {
    subscription.close();
  }
}
