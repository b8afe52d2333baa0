import type { AuditAction, Prisma, PrismaClient } from "@koe/db";
import type { SessionUser } from "../../auth/session-user.ts";
import { findAgent } from "./agents.ts";

/**
 * Replaces some of an agent's settings and records who changed what (before and after) in the
 * audit log, in one transaction. The caller has validated `changes` with the shared schemas.
 */
export async function updateAgentSettings(
  prisma: PrismaClient,
  user: SessionUser,
  agentId: string,
  action: AuditAction,
  changes: Partial<
    Record<"conversationSettings" | "keywordTemplates" | "realtimeSettings", Prisma.InputJsonValue>
  >,
) {
  return prisma.$transaction(async (tx) => {
    const select = { conversationSettings: true, keywordTemplates: true, realtimeSettings: true } as const;
    const before = await findAgent(tx, user.companyId, agentId, select);
    const updated = await tx.agent.update({
      where: { id: agentId },
      data: changes,
      select: { updatedAt: true },
    });
    const fields = Object.keys(changes) as (keyof typeof changes)[];
    await tx.auditLog.create({
      data: {
        companyId: user.companyId,
        actorId: user.id,
        action,
        entityType: "Agent",
        entityId: agentId,
        before: Object.fromEntries(fields.map((f) => [f, before[f]])) as Prisma.InputJsonObject,
        after: changes,
      },
    });
    return { agentId, updatedAt: updated.updatedAt.toISOString() };
  });
}
