import type { PrismaClient } from "@koe/db";
import type { RolloutRollbackDetails } from "@koe/shared";
import type { Logger } from "../logger.ts";
import { type RolloutSnapshot, rollBackRollout } from "./auto-rollback.ts";
import { measureRealtimeHealth, type RealtimeHealth } from "./realtime-health.ts";
export type Breach = Pick<RolloutRollbackDetails, "metric" | "value" | "threshold" | "samples">;

/**
 * Fewest samples a verdict needs: one failed call or one slow turn in a quiet window is noise,
 * not a regression, and rolling back on it would undo a rollout for nothing.
 */
export const MIN_SAMPLES = { calls: 10, turns: 20 };

/**
 * The sliding window: the last `guardrailWindowMinutes`, but never before the rollout's last
 * change, so traffic from before an admin raised the share again cannot roll it back at once.
 */
export function guardrailWindow(config: RolloutSnapshot, now: Date): { since: Date; until: Date } {
  const windowStart = now.getTime() - config.guardrailWindowMinutes * 60_000;
  return { since: new Date(Math.max(windowStart, config.changedAt.getTime())), until: now };
}

/** The first threshold the measured health exceeds, or null. */
export function findBreach(
  config: RolloutSnapshot,
  health: RealtimeHealth,
  minSamples = MIN_SAMPLES,
): Breach | null {
  const maxErrorRate = config.guardrailMaxErrorRate;
  if (maxErrorRate !== null && health.calls >= minSamples.calls) {
    const errorRate = health.failedCalls / health.calls;
    if (errorRate > maxErrorRate)
      return { metric: "error_rate", value: errorRate, threshold: maxErrorRate, samples: health.calls };
  }
  const maxP95 = config.guardrailMaxP95LatencyMs;
  if (maxP95 !== null && health.p95LatencyMs !== null && health.turns >= minSamples.turns) {
    if (health.p95LatencyMs > maxP95)
      return {
        metric: "p95_turn_latency_ms",
        value: Math.round(health.p95LatencyMs),
        threshold: maxP95,
        samples: health.turns,
      };
  }
  return null;
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** The audit reason and the operators' alert, in Japanese. */
export function rollbackMessage(breach: Breach, minutes: number, previousPercentage: number): string {
  const measured =
    breach.metric === "error_rate"
      ? `Realtime API通話のエラー率が${percent(breach.value)}(${breach.samples}件中)となり、上限の${percent(breach.threshold)}を超えました`
      : `Realtime APIのP95ターン遅延が${breach.value}ms(${breach.samples}ターン)となり、上限の${breach.threshold}msを超えました`;
  return `直近${minutes}分の${measured}。ガードレールによりRealtime APIの割合を${previousPercentage}%から0%に自動で戻しました。`;
}

export type Rollback = { companyId: string; breach: Breach; auditLogId: bigint; alertId: bigint };

/**
 * One guardrail pass over every company that has it on and some share on the Realtime API:
 * measure, and roll back where a threshold is exceeded. Safe to run from every bridge process.
 */
export async function runGuardrail(
  prisma: PrismaClient,
  logger: Logger,
  now = new Date(),
  minSamples = MIN_SAMPLES,
): Promise<Rollback[]> {
  const configs = await prisma.rolloutConfig.findMany({
    where: {
      guardrailEnabled: true,
      realtimePercentage: { gt: 0 },
      OR: [{ guardrailMaxErrorRate: { not: null } }, { guardrailMaxP95LatencyMs: { not: null } }],
    },
  });
  const rollbacks: Rollback[] = [];
  for (const config of configs) {
    const window = guardrailWindow(config, now);
    const health = await measureRealtimeHealth(prisma, config.companyId, window.since, window.until);
    const breach = findBreach(config, health, minSamples);
    if (!breach) continue;
    const minutes = Math.max(1, Math.round((window.until.getTime() - window.since.getTime()) / 60_000));
    const message = rollbackMessage(breach, minutes, config.realtimePercentage);
    const done = await rollBackRollout(
      prisma,
      config,
      { ...breach, windowStart: window.since.toISOString(), windowEnd: window.until.toISOString() },
      message,
      now,
    );
    if (!done) continue;
    logger.warn(
      { companyId: config.companyId, breach, health },
      "guardrail rolled the Realtime API back to 0 %",
    );
    rollbacks.push({ companyId: config.companyId, breach, ...done });
  }
  return rollbacks;
}
