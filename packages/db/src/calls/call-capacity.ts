import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/**
 * Twilio stops ringing after at most 600 s: a call still initiated or ringing after this long lost
 * its status callback (or its placing process) and holds no line.
 */
const RING_LIMIT_MS = 15 * 60_000;

export type AdmittedCall = { id: string };

/**
 * Inserts a call only if the company has a free line (`Company.maxConcurrentCalls`), counting the
 * live calls (active, or initiated/ringing) of every bridge and api process. One statement does it
 * (`koe_admit_call`, migration 20261210000000): it locks the company's row for the count and the
 * insert, so two processes admitting calls at once cannot both take the last line, and it holds
 * the lock only inside the database, whatever the calling process's event loop is doing. Returns
 * null when every line is taken.
 */
export async function admitCallWithinCapacity(
  prisma: PrismaClient,
  data: Prisma.CallSessionCreateManyInput,
): Promise<AdmittedCall | null> {
  // What Prisma itself fills in on create: the id (`@default(uuid())`) and `@updatedAt`.
  const row = { id: randomUUID(), updatedAt: new Date(), ...data };
  const ringCutoff = new Date(Date.now() - RING_LIMIT_MS);
  const [admitted] = await prisma.$queryRaw<{ id: string | null }[]>`
    SELECT "koe_admit_call"(${data.companyId}::uuid, ${ringCutoff}, ${JSON.stringify(row)}::jsonb) AS id`;
  return admitted?.id ? { id: admitted.id } : null;
}
