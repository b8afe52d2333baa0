import { z } from "zod";

/** What the guardrail measured when it rolled a company's Realtime API share back to 0 %. */
export const rolloutRollbackDetailsSchema = z.object({
  metric: z.enum(["error_rate", "p95_turn_latency_ms"]),
  value: z.number(),
  threshold: z.number(),
  /** Realtime calls (error rate) or turns (latency) the value was measured over. */
  samples: z.number().int().nonnegative(),
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
  previousPercentage: z.number().int().min(1).max(100),
  /** The AuditLog entry that records the rollback (a bigint, as text). */
  auditLogId: z.string().regex(/^\d+$/),
});
export type RolloutRollbackDetails = z.infer<typeof rolloutRollbackDetailsSchema>;

/** The month's recorded cost reached the company's budget: new realtime calls fall back. */
export const budgetExceededDetailsSchema = z.object({
  /** YYYY-MM in the company's time zone. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  spentUsd: z.number().nonnegative(),
  budgetUsd: z.number().nonnegative(),
  action: z.enum(["use_legacy_engine", "use_mini_model"]),
});
export type BudgetExceededDetails = z.infer<typeof budgetExceededDetailsSchema>;

/** OpenAI refused a company's realtime session for a reason retrying cannot fix (API key, permission, quota). */
export const realtimeRefusedDetailsSchema = z.object({
  /** OpenAI's error code (`invalid_api_key`, `insufficient_quota`) or `http_<status>`. */
  code: z.string(),
  /** The hour (UTC, ISO 8601) the alert stands for: one per company and hour. */
  hour: z.iso.datetime(),
});
export type RealtimeRefusedDetails = z.infer<typeof realtimeRefusedDetailsSchema>;

/**
 * Details of each `OperatorAlert` kind: the bridge writes them, the api shows them. Keys match
 * Prisma's `OperatorAlertKind` enum (checked in @koe/db).
 */
export const operatorAlertDetailsSchemas = {
  rollout_auto_rollback: rolloutRollbackDetailsSchema,
  budget_exceeded: budgetExceededDetailsSchema,
  realtime_refused: realtimeRefusedDetailsSchema,
} as const;
export type OperatorAlertKindName = keyof typeof operatorAlertDetailsSchemas;
