import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { protectedProcedure } from "../../trpc.ts";
import { callDetail } from "./call-detail.ts";
import { callIdInput, historyInput, placeCallInput, rateInput, takeOverInput } from "./calls.types.ts";
import { callHistory } from "./history.ts";
import { placeCall } from "./place-call.ts";
import { retryCallAnalysis } from "./retry-analysis.ts";
import { takeOver } from "./take-over.ts";

export const callsRouter = {
  /** The call history, newest first, filtered and paged by cursor. */
  list: protectedProcedure
    .input(historyInput)
    .query(({ ctx, input }) => callHistory(ctx.prisma, ctx.user.companyId, input)),

  byId: protectedProcedure
    .input(callIdInput)
    .query(({ ctx, input }) => callDetail(ctx.prisma, ctx.user.companyId, input.callId)),

  /** An operator's 1–5 stars and, optionally, what the caller really said (for accuracy QA). */
  rate: protectedProcedure.input(rateInput).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.prisma.callSession.updateMany({
      where: { id: input.callId, companyId: ctx.user.companyId },
      data: {
        rating: input.rating,
        ratedById: ctx.user.id,
        ...(input.referenceTranscript === undefined
          ? {}
          : { referenceTranscript: input.referenceTranscript }),
      },
    });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such call." });
    return { callId: input.callId, rating: input.rating };
  }),

  /** Queues a failed post-call analysis again (admins and operators). */
  retryAnalysis: protectedProcedure
    .input(callIdInput)
    .mutation(({ ctx, input }) => retryCallAnalysis(ctx.prisma, ctx.user.companyId, input.callId)),

  /** Moves a live call from the AI to the company's operator path. */
  takeOver: protectedProcedure
    .input(takeOverInput)
    .mutation(({ ctx, input }) => takeOver(ctx, ctx.user, input)),

  /** Has an agent call a customer, within the company's calling hours and free lines. */
  /** The company's customers, by name: whom the 「発信」 dialog offers to call. */
  customers: protectedProcedure.query(({ ctx }) =>
    ctx.prisma.customer.findMany({
      where: { companyId: ctx.user.companyId },
      orderBy: { name: "asc" },
      take: 500,
      select: { id: true, name: true, phoneNumber: true },
    }),
  ),

  /** Calls a customer from an agent's number; what the company's settings refuse comes back as a reason. */
  place: protectedProcedure
    .input(placeCallInput)
    .mutation(({ ctx, input }) => placeCall(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
