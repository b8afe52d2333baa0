import type { Prisma, PrismaClient, RolloutConfig } from "@koe/db";
import type { RolloutRollbackDetails } from "@koe/shared";

/**
 * The rollout and its guardrail as the guardrail read them: the rollback applies only if nobody
 * changed either since.
 */
export type RolloutSnapshot = Pick<
  RolloutConfig,
  | "companyId"
  | "realtimePercentage"
  | "changedAt"
  | "guardrailWindowMinutes"
  | "guardrailMaxErrorRate"
  | "guardrailMaxP95LatencyMs"
>;

/**
 * Drops the company's Realtime API share to 0 %, with the audit entry saying why and an alert for
 * its operators, all in one transaction. The update is one conditional statement: the rollout must
 * be exactly as measured and its guardrail still on with the thresholds the breach was judged by.
 * PostgreSQL re-checks that condition on the row as it is when the update gets its lock, so when
 * several bridge processes see the same regression only one rollback happens, and an admin who
 * changed the percentage or switched the guardrail off or changed it meanwhile is not overridden.
 * Returns null when there was nothing (left) to roll back.
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
        guardrailEnabled: true,
        guardrailWindowMinutes: rollout.guardrailWindowMinutes,
        guardrailMaxErrorRate: rollout.guardrailMaxErrorRate,
        guardrailMaxP95LatencyMs: rollout.guardrailMaxP95LatencyMs,
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
