import type { CallEventType } from "@koe/db";
import { z } from "zod";
import type { TailEvent } from "../../live/call-event-tail.ts";
import { followCallEvents } from "../../live/follow-call-events.ts";
import type { Context } from "../../trpc.ts";
import {
  type CallSummary,
  callSummarySelect,
  isLive,
  LIVE_STATUSES,
  toCallSummary,
} from "../calls/call-summary.ts";

const statusPayload = z.object({ status: z.string() });

/** Events that change what the live monitor shows about a call. */
const MONITORED: ReadonlySet<CallEventType> = new Set(["status", "handoff", "error", "alert"]);
/** `status` payloads the bridge writes when a call begins (media stream up, or the legacy engine answering). */
const STARTING = new Set(["active", "legacy", "ringing"]);

export type ActiveCallsMessage =
  | { kind: "snapshot"; calls: CallSummary[] }
  | { kind: "started" | "updated" | "ended"; call: CallSummary };

/**
 * The company's live calls as tracked messages: a snapshot of the calls in progress (on a fresh
 * start), then for each monitored event the call's current summary. The tracked id is the
 * largest event id the message reflects, so a resume re-reads nothing it already showed.
 */
export async function* activeCallChanges(
  ctx: Pick<Context, "prisma" | "tail">,
  companyId: string,
  after: bigint | null,
  signal: AbortSignal,
): AsyncGenerator<{ eventId: string; message: ActiveCallsMessage }> {
  let start = after;
  if (start === null) {
    const newest = await ctx.prisma.callEvent.aggregate({ where: { companyId }, _max: { id: true } });
    start = newest._max.id ?? 0n;
    const calls = await ctx.prisma.callSession.findMany({
      where: { companyId, status: { in: LIVE_STATUSES } },
      orderBy: { startedAt: "asc" },
      select: callSummarySelect,
    });
    yield { eventId: start.toString(), message: { kind: "snapshot", calls: calls.map(toCallSummary) } };
  }
  for await (const batch of followCallEvents(ctx.prisma, ctx.tail, { companyId }, start, signal)) {
    const changed = latestPerCall(batch.filter((e) => MONITORED.has(e.type)));
    if (changed.length === 0) continue;
    const rows = await ctx.prisma.callSession.findMany({
      where: { id: { in: changed.map((c) => c.callSessionId) } },
      select: callSummarySelect,
    });
    const byId = new Map(rows.map((row) => [row.id, toCallSummary(row)]));
    for (const change of changed) {
      const call = byId.get(change.callSessionId);
      if (!call) continue;
      const kind = !isLive(call.status) ? "ended" : change.starting ? "started" : "updated";
      yield { eventId: change.lastId.toString(), message: { kind, call } };
    }
  }
}

function statusOf(payload: unknown): string {
  const parsed = statusPayload.safeParse(payload);
  return parsed.success ? parsed.data.status : "";
}

/** One entry per call, ordered by the call's last event id, noting whether the call began. */
function latestPerCall(events: TailEvent[]) {
  const calls = new Map<string, { callSessionId: string; lastId: bigint; starting: boolean }>();
  for (const event of events) {
    // The payload is read, not trusted: a malformed one (null, not an object) starts nothing.
    const starting = event.type === "status" && STARTING.has(statusOf(event.payload));
    const known = calls.get(event.callSessionId);
    calls.delete(event.callSessionId);
    calls.set(event.callSessionId, {
      callSessionId: event.callSessionId,
      lastId: event.id,
      starting: starting || (known?.starting ?? false),
    });
  }
  return [...calls.values()];
}
