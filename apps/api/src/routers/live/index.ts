import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError, tracked } from "@trpc/server";
import { toCallEventView } from "../../live/call-event-view.ts";
import { followCallEvents } from "../../live/follow-call-events.ts";
import { protectedProcedure } from "../../trpc.ts";
import { activeCallChanges } from "./active-call-changes.ts";
import { activeCallsInput, callEventsInput } from "./live.types.ts";

export const liveRouter = {
  /**
   * The company's calls in progress: first a snapshot of those active now (or, on a resume,
   * what changed since `lastEventId`), then each call as it starts, changes and ends.
   */
  activeCalls: protectedProcedure.input(activeCallsInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const companyId = ctx.user.companyId;
    const after = input.lastEventId ? BigInt(input.lastEventId) : null;
    for await (const change of activeCallChanges(
      ctx,
      companyId,
      after,
      signal ?? new AbortController().signal,
    )) {
      yield tracked(change.eventId, change.message);
    }
  }),

  /** One call's events from the beginning (or after `lastEventId`), then as they happen. */
  callEvents: protectedProcedure.input(callEventsInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const call = await ctx.prisma.callSession.findFirst({
      where: { id: input.callId, companyId: ctx.user.companyId },
      select: { id: true },
    });
    if (!call) throw new TRPCError({ code: "NOT_FOUND", message: "No such call." });
    const scope = { companyId: ctx.user.companyId, callSessionId: call.id };
    const after = input.lastEventId ? BigInt(input.lastEventId) : 0n;
    const events = followCallEvents(
      ctx.prisma,
      ctx.tail,
      scope,
      after,
      signal ?? new AbortController().signal,
    );
    for await (const batch of events) {
      for (const event of batch) yield tracked(event.id.toString(), toCallEventView(event));
    }
  }),
} satisfies TRPCRouterRecord;
