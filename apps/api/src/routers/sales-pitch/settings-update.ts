import { type AuditAction, type Prisma, type PrismaClient, recordAgentVersion } from "@koe/db";
import type { SessionUser } from "../../auth/session-user.ts";
import { findAgent } from "./agents.ts";

type SettingsField = "conversationSettings" | "keywordTemplates" | "realtimeSettings";
export type SettingsChanges = Partial<Record<SettingsField, Prisma.InputJsonValue>>;

/** The audit action of each field: the legacy settings and templates are one area, Realtime another. */
const FIELD_ACTION: Record<SettingsField, AuditAction> = {
  conversationSettings: "conversation_settings_updated",
  keywordTemplates: "conversation_settings_updated",
  realtimeSettings: "realtime_settings_updated",
};

/**
 * Replaces some of an agent's settings, records who changed what (before and after) in the audit
 * log, one entry per area, and saves the result as a new AgentVersion, all in one transaction: a
 * save and its version land together or not at all. The caller has validated `changes` with the
 * shared schemas.
 */
export async function updateAgentSettings(
  prisma: PrismaClient,
  user: SessionUser,
  agentId: string,
  changes: SettingsChanges,
  note: string | null = null,
) {
  return prisma.$transaction(async (tx) => {
    const select = { conversationSettings: true, keywordTemplates: true, realtimeSettings: true } as const;
    const before = await findAgent(tx, user.companyId, agentId, select);
    const updated = await tx.agent.update({
      where: { id: agentId },
      data: changes,
      select: { updatedAt: true },
    });
    const fields = Object.keys(changes) as SettingsField[];
    for (const action of new Set(fields.map((field) => FIELD_ACTION[field]))) {
      const area = fields.filter((field) => FIELD_ACTION[field] === action);
      await tx.auditLog.create({
        data: {
          companyId: user.companyId,
          actorId: user.id,
          action,
          entityType: "Agent",
          entityId: agentId,
          before: Object.fromEntries(area.map((f) => [f, before[f]])) as Prisma.InputJsonObject,
          after: Object.fromEntries(area.map((f) => [f, changes[f]])) as Prisma.InputJsonObject,
        },
      });
    }
    const version = await recordAgentVersion(tx, { agentId, createdById: user.id, note });
    return { agentId, updatedAt: updated.updatedAt.toISOString(), version: version.version };
  });
}
