import type { CallStatus, Prisma, PrismaClient } from "../generated/prisma/client.ts";

/** Statuses of a call that holds one of the company's lines. */
export const LIVE_CALL_STATUSES = ["initiated", "ringing", "active"] as const satisfies readonly CallStatus[];

export type AdmittedCall = { id: string };

/**
 * Inserts a call only if the company has a free line (`Company.maxConcurrentCalls`), counting the
 * live calls of every bridge and api process. The company row is locked for the count and the
 * insert, so two processes admitting calls at once cannot both take the last line. Returns null
 * when every line is taken.
 */
export async function admitCallWithinCapacity(
  prisma: PrismaClient,
  data: Prisma.CallSessionUncheckedCreateInput,
): Promise<AdmittedCall | null> {
  return prisma.$transaction(async (tx) => {
    const [company] = await tx.$queryRaw<{ maxConcurrentCalls: number }[]>`
      SELECT "maxConcurrentCalls" FROM "Company" WHERE id = ${data.companyId}::uuid FOR UPDATE`;
    if (!company) throw new Error(`no company ${data.companyId}`);
    const live = await tx.callSession.count({
      where: { companyId: data.companyId, status: { in: [...LIVE_CALL_STATUSES] } },
    });
    if (live >= company.maxConcurrentCalls) return null;
    return tx.callSession.create({ data, select: { id: true } });
  });
}
