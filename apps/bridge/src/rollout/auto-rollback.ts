import type { Prisma, PrismaClient } from "@koe/db";
import type { RolloutRollbackDetails } from "@koe/shared";

/** The rollout as the guardrail read it: the rollback applies only if nobody changed it since. */
export type RolloutSnapshot = { companyId: string; realtimePercentage: number; changedAt: Date };

/**
 * Drops the company's Realtime API share to 0 %, with the audit entry saying why and an alert for
 * its operators, all in one transaction. The update is conditional on the rollout being exactly as
 * measured, so when several bridge processes see the same regression (or an admin changed the
 * percentage meanwhile) only one rollback happens. Returns null when another got there first.
 */
export async function rollBackRollout(
  prisma: PrismaClient,
  rollout: RolloutSnapshot,
  breach: Omit<RolloutRollbackDetails, "auditLogId" | "previousPercentage">,
  message: string,
  now: Date,
): Promise<{ auditLogId: bigint; alertId: bigint } | null> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.rolloutConfig.updateMany({
      where: {
        companyId: rollout.companyId,
        realtimePercentage: rollout.realtimePercentage,
        changedAt: rollout.changedAt,
      },
      data: { realtimePercentage: 0, changedById: null, changedAt: now },
    });
    if (updated.count === 0) return null;
    const audit = await tx.auditLog.create({
      data: {
        companyId: rollout.companyId,
        actorId: null,
        action: "rollout_auto_rollback",
        entityType: "RolloutConfig",
        entityId: rollout.companyId,
        before: { realtimePercentage: rollout.realtimePercentage },
        after: { realtimePercentage: 0 },
        reason: message,
        createdAt: now,
      },
      select: { id: true },
    });
    const details: RolloutRollbackDetails = {
      ...breach,
      previousPercentage: rollout.realtimePercentage,
      auditLogId: audit.id.toString(),
    };
    const alert = await tx.operatorAlert.create({
      data: {
        companyId: rollout.companyId,
        kind: "rollout_auto_rollback",
        message,
        details: details satisfies Prisma.InputJsonObject,
        createdAt: now,
      },
      select: { id: true },
    });
    return { auditLogId: audit.id, alertId: alert.id };
  });
}
