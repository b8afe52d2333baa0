import type { PrismaClient } from "@koe/db";
import { type AlertRow, alertSelect } from "../routers/alerts/alert-view.ts";
import { WakeUp } from "./wake-up.ts";

/** Ids this far below the newest are read again when a feed starts: they may still be committing. */
const START_WINDOW = 100n;
/** How long a missing id may be an insert still being committed before it is taken as rolled back. */
const GAP_TIMEOUT_MS = 2_000;
const PAGE = 500;

/**
 * The company's operator alerts with ids above `after`, in id order, each once; on a fresh start
 * (`after` null) first every alert still unacknowledged. Alerts are rare, so the feed polls the
 * table (`pollIntervalMs`) rather than keeping a LISTEN connection. Ids come from one sequence for
 * every company and are taken before the inserting transaction commits, so an id is passed over
 * only once every smaller one has been read or stayed missing `GAP_TIMEOUT_MS` (a rolled-back
 * insert, e.g. a duplicate alert refused by its unique key): a resume never skips a late commit.
 * Alerts acknowledged before the feed reached them are passed over: someone has seen to them.
 */
export async function* followOperatorAlerts(
  prisma: PrismaClient,
  companyId: string,
  after: bigint | null,
  signal: AbortSignal,
  pollIntervalMs: number,
): AsyncGenerator<AlertRow[]> {
  let horizon = after ?? 0n;
  if (after === null) {
    const newest = await prisma.operatorAlert.aggregate({ _max: { id: true } });
    const start = (newest._max.id ?? 0n) - START_WINDOW;
    horizon = start > 0n ? start : 0n;
    const open = await prisma.operatorAlert.findMany({
      where: { companyId, acknowledgedAt: null, id: { lte: horizon } },
      orderBy: { id: "asc" },
      select: alertSelect,
    });
    if (open.length > 0) yield open;
  }
  const missing = new Map<bigint, number>();
  const wakeUp = new WakeUp();
  while (!signal.aborted) {
    const rows = await prisma.operatorAlert.findMany({
      where: { id: { gt: horizon } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: alertSelect,
    });
    const now = Date.now();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const newest = rows[rows.length - 1]?.id ?? horizon;
    const batch: AlertRow[] = [];
    while (horizon < newest) {
      const next = horizon + 1n;
      const row = byId.get(next);
      if (row) {
        missing.delete(next);
        if (row.companyId === companyId && row.acknowledgedAt === null) batch.push(row);
      } else {
        const since = missing.get(next) ?? now;
        missing.set(next, since);
        if (now - since < GAP_TIMEOUT_MS) break;
        missing.delete(next);
      }
      horizon = next;
    }
    if (batch.length > 0) yield batch;
    if (rows.length === PAGE && missing.size === 0) continue;
    await wakeUp.wait(pollIntervalMs, signal);
  }
}
