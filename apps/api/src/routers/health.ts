import { pingDatabase } from "@koe/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc.ts";

export const healthRouter = {
  /** Whether the api can reach its database; the SPA shows it in the header. */
  check: publicProcedure.query(async ({ ctx }) => {
    const database = await pingDatabase(ctx.prisma, {
      timeoutMs: ctx.healthTimeoutMs,
      onFailure: (error) => ctx.logger.warn({ err: error }, "health check: the database is unreachable"),
    });
    return { status: database.ok ? ("ok" as const) : ("degraded" as const), database };
  }),
} satisfies TRPCRouterRecord;
