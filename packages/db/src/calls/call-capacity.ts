import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/**
 * Twilio stops ringing after at most 600 s: a call still initiated or ringing after this long lost
 * its status callback (or its placing process) and holds no line.
 */
const RING_LIMIT_MS = 15 * 60_000;

export type AdmittedCall = { id: string };

/**
 * Inserts a call only if the company has a free line (`Company.maxConcurrentCalls`), counting the
 * live calls (active, or initiated/ringing) of every bridge and api process. The company row is locked for the count and the
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
      where: {
        companyId: data.companyId,
        OR: [
          { status: "active" },
          {
            status: { in: ["initiated", "ringing"] },
            startedAt: { gt: new Date(Date.now() - RING_LIMIT_MS) },
          },
        ],
      },
    });
    if (live >= company.maxConcurrentCalls) return null;
    return tx.callSession.create({ data, select: { id: true } });
  }, ADMISSION_WAIT);
}

/**
 * A company's admissions queue on its row lock; in a burst of calls they wait their turn (Twilio
 * gives the voice webhook 15 s) rather than fail after Prisma's default 2 s.
 */
const ADMISSION_WAIT = { maxWait: 10_000, timeout: 10_000 };
