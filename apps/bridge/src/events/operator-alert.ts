import type { OperatorAlertKindName, operatorAlertDetailsSchemas } from "@koe/shared";
import type { z } from "zod";
import type { BridgeContext } from "../context.ts";

/** The alerts a call raises (the rollout's rollback raises its own, in its transaction). */
type CallAlertKind = Exclude<OperatorAlertKindName, "rollout_auto_rollback">;

/**
 * Raises an alert from a call: an `alert` event on the call, and one OperatorAlert per company and
 * `period` (however many calls and processes meet the condition; the unique dedupe key decides).
 */
export async function raiseOperatorAlert<Kind extends CallAlertKind>(
  ctx: Pick<BridgeContext, "prisma" | "journal">,
  call: { id: string; companyId: string },
  alert: {
    kind: Kind;
    message: string;
    details: z.output<(typeof operatorAlertDetailsSchemas)[Kind]>;
    /** The span one alert stands for (an hour, a month), in the dedupe key. */
    period: string;
  },
): Promise<void> {
  const { kind, message, details, period } = alert;
  ctx.journal.event(call, "alert", { kind, message });
  await ctx.prisma.operatorAlert.createMany({
    data: [
      { companyId: call.companyId, kind, message, details, dedupeKey: `${kind}:${call.companyId}:${period}` },
    ],
    skipDuplicates: true,
  });
}
