import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { protectedProcedure } from "../../trpc.ts";
import { cursorPage } from "../cursor-page.ts";
import { alertSelect, toAlertView } from "./alert-view.ts";
import { acknowledgeAlertInput, listAlertsInput } from "./alerts.types.ts";

/**
 * What the company's operators must see that belongs to no single call (the guardrail's automatic
 * rollback, …), written by the bridge. `live.alerts` delivers new ones as they happen.
 */
export const alertsRouter = {
  /** The company's alerts, newest first, paged by cursor; optionally only the unacknowledged. */
  list: protectedProcedure.input(listAlertsInput).query(async ({ ctx, input }) => {
    const rows = await ctx.prisma.operatorAlert.findMany({
      where: {
        companyId: ctx.user.companyId,
        ...(input.unacknowledged ? { acknowledgedAt: null } : {}),
        ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
      },
      orderBy: { id: "desc" },
      take: input.limit + 1,
      select: alertSelect,
    });
    const { page, nextCursor } = cursorPage(rows, input.limit, (last) => last.id.toString());
    return { alerts: page.map(toAlertView), nextCursor };
  }),

  /** Marks an alert as seen by this user; the first acknowledgement stands. */
  acknowledge: protectedProcedure.input(acknowledgeAlertInput).mutation(async ({ ctx, input }) => {
    const where = { id: BigInt(input.alertId), companyId: ctx.user.companyId };
    await ctx.prisma.operatorAlert.updateMany({
      where: { ...where, acknowledgedAt: null },
      data: { acknowledgedAt: new Date(), acknowledgedById: ctx.user.id },
    });
    const alert = await ctx.prisma.operatorAlert.findFirst({ where, select: alertSelect });
    if (!alert) throw new TRPCError({ code: "NOT_FOUND", message: "No such alert." });
    return toAlertView(alert);
  }),
} satisfies TRPCRouterRecord;
