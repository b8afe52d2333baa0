import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc.ts";

export const sessionRouter = {
  /** Who is signed in (null: show the login page). Signing in and out is better-auth's /api/auth. */
  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.user) return null;
    const company = await ctx.prisma.company.findUnique({
      where: { id: ctx.user.companyId },
      select: { id: true, name: true, usdJpyRate: true },
    });
    // Costs are measured in USD; every page shows them in yen at the company's rate.
    return { ...ctx.user, company: company && { ...company, usdJpyRate: company.usdJpyRate.toNumber() } };
  }),
} satisfies TRPCRouterRecord;
