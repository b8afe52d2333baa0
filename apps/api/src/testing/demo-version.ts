import { DEMO, type PrismaClient } from "@koe/db";

/**
 * A second version of the demo agent with version 1's settings, for calls to be split by version;
 * the agent itself stays on version 1. Returns both versions' ids.
 */
export async function addDemoVersion2(
  prisma: PrismaClient,
): Promise<{ version1Id: string; version2Id: string }> {
  const v1 = await prisma.agentVersion.findFirstOrThrow({ where: { agentId: DEMO.agentId, version: 1 } });
  const v2 = await prisma.agentVersion.create({
    data: {
      companyId: DEMO.companyId,
      agentId: DEMO.agentId,
      version: 2,
      conversationSettings: v1.conversationSettings ?? {},
      keywordTemplates: v1.keywordTemplates ?? {},
      realtimeSettings: v1.realtimeSettings ?? {},
    },
  });
  return { version1Id: v1.id, version2Id: v2.id };
}
