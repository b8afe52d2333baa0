import type { Prisma } from "../generated/prisma/client.ts";

export type AgentVersionInput = {
  agentId: string;
  createdById?: string | null;
  note?: string | null;
  /** Set when the new version brings back an older one's settings. */
  restoredFromVersion?: number | null;
};

/**
 * Snapshots the agent's settings as they stand now into a new immutable AgentVersion (numbered
 * one past the agent's latest) and points the agent at it. Run it in the transaction that saved
 * the settings, so a save and its version land together. The agent row is locked first, so two
 * saves at once get consecutive numbers instead of a unique-key error.
 */
export async function recordAgentVersion(tx: Prisma.TransactionClient, input: AgentVersionInput) {
  await tx.$queryRaw`SELECT id FROM "Agent" WHERE id = ${input.agentId}::uuid FOR UPDATE`;
  const agent = await tx.agent.findUniqueOrThrow({
    where: { id: input.agentId },
    select: { companyId: true, conversationSettings: true, keywordTemplates: true, realtimeSettings: true },
  });
  const latest = await tx.agentVersion.aggregate({
    where: { agentId: input.agentId },
    _max: { version: true },
  });
  const version = await tx.agentVersion.create({
    data: {
      companyId: agent.companyId,
      agentId: input.agentId,
      version: (latest._max.version ?? 0) + 1,
      conversationSettings: agent.conversationSettings as Prisma.InputJsonValue,
      keywordTemplates: agent.keywordTemplates as Prisma.InputJsonValue,
      realtimeSettings: agent.realtimeSettings as Prisma.InputJsonValue,
      note: input.note ?? null,
      restoredFromVersion: input.restoredFromVersion ?? null,
      createdById: input.createdById ?? null,
    },
  });
  await tx.agent.update({ where: { id: input.agentId }, data: { currentVersionId: version.id } });
  return version;
}
