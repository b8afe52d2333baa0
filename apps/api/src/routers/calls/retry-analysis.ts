import { enqueueCallAnalysis, type PrismaClient } from "@koe/db";
import { TRPCError } from "@trpc/server";

/**
 * Queues the analysis of an ended call of the company again: one that failed every attempt, or a
 * call that ended before analyses existed. The analysis row and the job change in one transaction.
 */
export async function retryCallAnalysis(prisma: PrismaClient, companyId: string, callId: string) {
  return prisma.$transaction(async (tx) => {
    const call = await tx.callSession.findFirst({
      where: { id: callId, companyId },
      select: { endedAt: true, analysis: { select: { status: true } } },
    });
    if (!call) throw new TRPCError({ code: "NOT_FOUND", message: "No such call." });
    if (!call.endedAt) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "The call has not ended yet." });
    }
    if (call.analysis && call.analysis.status !== "failed") {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `The analysis is ${call.analysis.status}, not failed.`,
      });
    }
    await tx.callAnalysis.upsert({
      where: { callSessionId: callId },
      create: { callSessionId: callId, companyId },
      update: { status: "pending", attempts: 0, lastError: null },
    });
    await enqueueCallAnalysis(tx, callId);
    return { callId, status: "pending" as const };
  });
}
