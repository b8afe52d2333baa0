import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { DEMO } from "../seed/demo-data.ts";

/** A realtime call row of the seeded demo company, for tests; `data` overrides any field. */
export function insertTestCall(
  prisma: PrismaClient,
  data: Partial<Prisma.CallSessionUncheckedCreateInput> = {},
) {
  return prisma.callSession.create({
    data: {
      callSid: `CA-test-${Math.random().toString(16).slice(2)}`,
      companyId: DEMO.companyId,
      agentId: DEMO.agentId,
      direction: "inbound",
      fromNumber: "+819011112222",
      toNumber: DEMO.phoneNumber,
      engine: "realtime",
      engineReason: "rollout_bucket_included",
      ...data,
    },
  });
}
