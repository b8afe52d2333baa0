import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../../trpc.ts";
import { searchTranscripts } from "./transcript-search.ts";
import { transcriptSearchInput } from "./transcripts.types.ts";

export const transcriptsRouter = {
  /** What callers and the agent said, across the company's calls, newest first. */
  search: protectedProcedure
    .input(transcriptSearchInput)
    .query(({ ctx, input }) => searchTranscripts(ctx.prisma, ctx.user.companyId, input)),
} satisfies TRPCRouterRecord;
