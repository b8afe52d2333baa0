import type { CallEventKind, CallEventPayload } from "@koe/shared";
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

/** One event of a test call, as the bridge journals it (typed by the shared payload schemas). */
export function insertTestEvent<Kind extends CallEventKind>(
  prisma: PrismaClient,
  call: { id: string; companyId: string },
  type: Kind,
  payload: CallEventPayload<Kind>,
) {
  return prisma.callEvent.create({
    // The schemas type tool arguments and outputs as unknown: JSON here, as the journal stores them.
    data: {
      callSessionId: call.id,
      companyId: call.companyId,
      type,
      payload: payload as Prisma.InputJsonValue,
    },
  });
}
