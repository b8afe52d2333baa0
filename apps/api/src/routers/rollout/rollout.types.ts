import { ANALYSIS_MODELS } from "@koe/shared";
import { z } from "zod";

const reason = z.string().trim().max(500).optional();

export const setPercentageInput = z.object({
  percentage: z.number().int().min(0).max(100),
  reason,
});

/**
 * The guardrail's settings, each optional: what is left out stays as it is. The bridge rolls the
 * company back to 0 % when, over the window, realtime calls' error rate (a fraction) or P95 turn
 * latency exceeds a threshold; null turns a threshold off.
 */
export const setGuardrailInput = z
  .object({
    enabled: z.boolean().optional(),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    maxErrorRate: z.number().gt(0).lt(1).nullable().optional(),
    maxP95LatencyMs: z.number().int().min(100).max(60_000).nullable().optional(),
    reason,
  })
  .refine((i) => Object.entries(i).some(([key, value]) => key !== "reason" && value !== undefined), {
    message: "change at least one guardrail setting",
  });

/** The guardrail as stored (Prisma's RolloutConfig columns) and as `rollout.get` shows it. */
export type GuardrailSettings = {
  enabled: boolean;
  windowMinutes: number;
  maxErrorRate: number | null;
  maxP95LatencyMs: number | null;
};

/** Yen per US dollar (kept to two decimals); the bounds catch a slip of the finger. */
export const setExchangeRateInput = z.object({
  usdJpyRate: z.number().min(50).max(500),
});

export const setAnalysisModelInput = z.object({ analysisModel: z.enum(ANALYSIS_MODELS) });
