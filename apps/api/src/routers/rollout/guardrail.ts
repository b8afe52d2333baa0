import type { Prisma } from "@koe/db";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { GuardrailSettings, setGuardrailInput } from "./rollout.types.ts";

/** RolloutConfig's guardrail columns; their defaults are the schema's, for a company with no row yet. */
export const guardrailSelect = {
  guardrailEnabled: true,
  guardrailWindowMinutes: true,
  guardrailMaxErrorRate: true,
  guardrailMaxP95LatencyMs: true,
} satisfies Prisma.RolloutConfigSelect;

type GuardrailRow = Prisma.RolloutConfigGetPayload<{ select: typeof guardrailSelect }>;

export const DEFAULT_GUARDRAIL: GuardrailRow = {
  guardrailEnabled: false,
  guardrailWindowMinutes: 15,
  guardrailMaxErrorRate: null,
  guardrailMaxP95LatencyMs: null,
};

export function toGuardrailSettings(row: GuardrailRow | null): GuardrailSettings {
  const r = row ?? DEFAULT_GUARDRAIL;
  return {
    enabled: r.guardrailEnabled,
    windowMinutes: r.guardrailWindowMinutes,
    maxErrorRate: r.guardrailMaxErrorRate,
    maxP95LatencyMs: r.guardrailMaxP95LatencyMs,
  };
}

/**
 * Sets the company's guardrail, with an audit log entry (who, when, from, to). An enabled
 * guardrail needs a threshold: without one the bridge never checks, and the page would say it
 * guards what it does not.
 */
export async function setGuardrail(
  tx: Prisma.TransactionClient,
  companyId: string,
  actorId: string,
  input: z.infer<typeof setGuardrailInput>,
) {
  // Locks the row, so two admins saving at once each record the settings they replaced.
  await tx.rolloutConfig.upsert({ where: { companyId }, create: { companyId }, update: {} });
  const [current] = await tx.$queryRaw<GuardrailRow[]>`
    SELECT "guardrailEnabled", "guardrailWindowMinutes", "guardrailMaxErrorRate", "guardrailMaxP95LatencyMs"
    FROM "RolloutConfig" WHERE "companyId" = ${companyId}::uuid FOR UPDATE`;
  const from = toGuardrailSettings(current ?? null);
  const to: GuardrailSettings = {
    enabled: input.enabled ?? from.enabled,
    windowMinutes: input.windowMinutes ?? from.windowMinutes,
    maxErrorRate: input.maxErrorRate === undefined ? from.maxErrorRate : input.maxErrorRate,
    maxP95LatencyMs: input.maxP95LatencyMs === undefined ? from.maxP95LatencyMs : input.maxP95LatencyMs,
  };
  if (to.enabled && to.maxErrorRate === null && to.maxP95LatencyMs === null) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "An enabled guardrail needs a maximum error rate or a maximum P95 latency.",
    });
  }
  const changedAt = new Date();
  await tx.rolloutConfig.update({
    where: { companyId },
    data: {
      guardrailEnabled: to.enabled,
      guardrailWindowMinutes: to.windowMinutes,
      guardrailMaxErrorRate: to.maxErrorRate,
      guardrailMaxP95LatencyMs: to.maxP95LatencyMs,
    },
  });
  await tx.auditLog.create({
    data: {
      companyId,
      actorId,
      action: "rollout_guardrail_changed",
      entityType: "RolloutConfig",
      entityId: companyId,
      before: { guardrail: from },
      after: { guardrail: to },
      reason: input.reason || null,
      createdAt: changedAt,
    },
  });
  return { from, to, changedAt: changedAt.toISOString() };
}
