import { z } from "zod";

/** An OperatorAlert id (a bigint, as text). */
export const alertIdSchema = z.string().regex(/^\d{1,19}$/, "an alert id");

export const listAlertsInput = z
  .object({
    /** true: only alerts nobody has acknowledged yet. */
    unacknowledged: z.boolean().default(false),
    /** From `nextCursor` of the previous page. */
    cursor: alertIdSchema.nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ unacknowledged: false, limit: 50 });

export const acknowledgeAlertInput = z.object({ alertId: alertIdSchema });
