import type { Prisma } from "@koe/db";
import { operatorAlertDetailsSchemas } from "@koe/shared";

export const alertSelect = {
  id: true,
  companyId: true,
  kind: true,
  message: true,
  details: true,
  createdAt: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: { id: true, name: true } },
} satisfies Prisma.OperatorAlertSelect;

export type AlertRow = Prisma.OperatorAlertGetPayload<{ select: typeof alertSelect }>;

/**
 * An operator alert as the browser receives it: the bigint id as a string (also the live feed's
 * tracked id), the details read through the kind's shared schema (null when they do not parse).
 */
export function toAlertView(row: AlertRow) {
  const details = operatorAlertDetailsSchemas[row.kind].safeParse(row.details);
  return {
    id: row.id.toString(),
    kind: row.kind,
    message: row.message,
    details: details.success ? details.data : null,
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy,
  };
}

export type AlertView = ReturnType<typeof toAlertView>;
