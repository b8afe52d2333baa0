import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError, tracked } from "@trpc/server";
import { toCallEventView } from "../../live/call-event-view.ts";
import { followCallEvents } from "../../live/follow-call-events.ts";
import { followOperatorAlerts } from "../../live/follow-operator-alerts.ts";
import { protectedProcedure } from "../../trpc.ts";
import { toAlertView } from "../alerts/alert-view.ts";
import { activeCallChanges } from "./active-call-changes.ts";
import { activeCallsInput, alertsInput, callEventsInput } from "./live.types.ts";

const ALERT_POLL_INTERVAL_MS = 1_000;

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

  /**
   * The company's operator alerts (e.g. the guardrail rolled the Realtime API back): on a fresh
   * start every unacknowledged one, then each new one as the bridge writes it; tracked by alert id.
   */
  alerts: protectedProcedure.input(alertsInput).subscription(async function* ({ ctx, input, signal }) {
    const after = input.lastEventId ? BigInt(input.lastEventId) : null;
    const alerts = followOperatorAlerts(
      ctx.prisma,
      ctx.user.companyId,
      after,
      signal ?? new AbortController().signal,
      ctx.alertPollIntervalMs ?? ALERT_POLL_INTERVAL_MS,
    );
    for await (const batch of alerts) {
      for (const alert of batch) yield tracked(alert.id.toString(), toAlertView(alert));
    }
  }),
} satisfies TRPCRouterRecord;
