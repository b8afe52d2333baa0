import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure, protectedProcedure } from "../../trpc.ts";
import { guardrailSelect, setGuardrail, toGuardrailSettings } from "./guardrail.ts";
import {
  setAnalysisModelInput,
  setExchangeRateInput,
  setGuardrailInput,
  setPercentageInput,
} from "./rollout.types.ts";

export const rolloutRouter = {
  /**
   * The company's realtime share, who changed it last, the guardrail that rolls it back
   * automatically, the recent changes (by admins and by the guardrail), and the global kill switch.
   */
  get: protectedProcedure.query(async ({ ctx }) => {
    const companyId = ctx.user.companyId;
    const [config, changes, company] = await Promise.all([
      ctx.prisma.rolloutConfig.findUnique({
        where: { companyId },
        select: {
          realtimePercentage: true,
          changedAt: true,
          changedBy: { select: { id: true, name: true } },
          ...guardrailSelect,
        },
      }),
      ctx.prisma.auditLog.findMany({
        where: { companyId, entityType: "RolloutConfig" },
        orderBy: { createdAt: "desc" },
        take: 20,
        select: {
          id: true,
          action: true,
          before: true,
          after: true,
          reason: true,
          createdAt: true,
          actor: { select: { id: true, name: true } },
        },
      }),
      ctx.prisma.company.findUniqueOrThrow({ where: { id: companyId }, select: { analysisModel: true } }),
    ]);
    return {
      realtimePercentage: config?.realtimePercentage ?? 0,
      changedAt: config?.changedAt.toISOString() ?? null,
      changedBy: config?.changedBy ?? null,
      guardrail: toGuardrailSettings(config),
      /** ENABLE_REALTIME_API: when false no call uses the Realtime API, whatever the percentage. */
      killSwitch: { realtimeEnabled: ctx.realtimeEnabled },
      /** The text model of the company's post-call analyses. */
      analysisModel: company.analysisModel,
      changes: changes.map((c) => ({ ...c, id: c.id.toString(), createdAt: c.createdAt.toISOString() })),
    };
  }),

  /** Sets the share of new calls on the Realtime API, with an audit log entry (who, when, from, to). */
  set: adminProcedure.input(setPercentageInput).mutation(async ({ ctx, input }) => {
    const { companyId, id: actorId } = ctx.user;
    return ctx.prisma.$transaction(async (tx) => {
      // Locks the row, so two admins saving at once each record the value they replaced.
      await tx.rolloutConfig.upsert({ where: { companyId }, create: { companyId }, update: {} });
      const [current] = await tx.$queryRaw<{ realtimePercentage: number }[]>`
        SELECT "realtimePercentage" FROM "RolloutConfig" WHERE "companyId" = ${companyId}::uuid FOR UPDATE`;
      const from = current?.realtimePercentage ?? 0;
      const changedAt = new Date();
      await tx.rolloutConfig.update({
        where: { companyId },
        data: { realtimePercentage: input.percentage, changedById: actorId, changedAt },
      });
      await tx.auditLog.create({
        data: {
          companyId,
          actorId,
          action: "rollout_percentage_changed",
          entityType: "RolloutConfig",
          entityId: companyId,
          before: { realtimePercentage: from },
          after: { realtimePercentage: input.percentage },
          reason: input.reason || null,
          createdAt: changedAt,
        },
      });
      return { from, to: input.percentage, changedAt: changedAt.toISOString() };
    });
  }),

  /**
   * Sets the guardrail (on/off, window, maximum error rate, maximum P95 turn latency; what is left
   * out stays), with an audit log entry. The bridge reads it on its next check.
   */
  setGuardrail: adminProcedure
    .input(setGuardrailInput)
    .mutation(({ ctx, input }) =>
      ctx.prisma.$transaction((tx) => setGuardrail(tx, ctx.user.companyId, ctx.user.id, input)),
    ),

  /** Sets the yen per US dollar the SPA shows costs at (they are measured in USD). */
  setExchangeRate: adminProcedure.input(setExchangeRateInput).mutation(async ({ ctx, input }) => {
    const company = await ctx.prisma.company.update({
      where: { id: ctx.user.companyId },
      data: { usdJpyRate: Math.round(input.usdJpyRate * 100) / 100 },
      select: { usdJpyRate: true },
    });
    return { usdJpyRate: company.usdJpyRate.toNumber() };
  }),

  /** Sets the text model the company's post-call analyses use from the next analysis on. */
  setAnalysisModel: adminProcedure.input(setAnalysisModelInput).mutation(async ({ ctx, input }) => {
    return ctx.prisma.company.update({
      where: { id: ctx.user.companyId },
      data: { analysisModel: input.analysisModel },
      select: { analysisModel: true },
    });
  }),
} satisfies TRPCRouterRecord;
