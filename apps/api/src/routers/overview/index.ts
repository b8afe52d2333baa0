import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../../trpc.ts";
import { overview } from "./overview.ts";
import { overviewInput } from "./overview.types.ts";

export const overviewRouter = {
  /** The 概要 page's figures for a period, in the company's time zone. */
  get: protectedProcedure
    .input(overviewInput)
    .query(({ ctx, input }) => overview(ctx.prisma, ctx.user.companyId, input)),
} satisfies TRPCRouterRecord;
