import type { OverBudgetAction, Prisma, PrismaClient } from "@koe/db";
import { type BudgetExceededDetails, startOfZonedMonth, zonedParts } from "@koe/shared";
import type { BridgeContext } from "../context.ts";
import { raiseOperatorAlert } from "../events/operator-alert.ts";

export type BudgetCompany = {
  id: string;
  timeZone: string;
  monthlyBudgetUsd: Prisma.Decimal;
  overBudgetAction: OverBudgetAction;
};

/**
 * Whether the company's calls this month (in its time zone) have cost its monthly budget, from the
 * cost every bridge process records on the calls. Null: still within budget.
 */
export async function monthlyBudgetExceeded(
  prisma: PrismaClient,
  company: BudgetCompany,
  now: Date,
): Promise<BudgetExceededDetails | null> {
  const { _sum } = await prisma.callSession.aggregate({
    where: { companyId: company.id, startedAt: { gte: startOfZonedMonth(now, company.timeZone) } },
    _sum: { costUsd: true },
  });
  const spentUsd = Number(_sum.costUsd ?? 0);
  const budgetUsd = Number(company.monthlyBudgetUsd);
  if (spentUsd < budgetUsd) return null;
  return {
    month: zonedParts(now, company.timeZone).date.slice(0, 7),
    spentUsd,
    budgetUsd,
    action: company.overBudgetAction,
  };
}

/**
 * Records that a call fell back because of the budget: an alert on the call, and one OperatorAlert
 * per company and month.
 */
export async function recordBudgetAlert(
  ctx: Pick<BridgeContext, "prisma" | "journal">,
  call: { id: string; companyId: string },
  details: BudgetExceededDetails,
): Promise<void> {
  const fallback = details.action === "use_legacy_engine" ? "従来の会話エンジン" : "低コストのminiモデル";
  const message = `今月の利用額 (${details.spentUsd.toFixed(2)} USD) が予算 (${details.budgetUsd.toFixed(2)} USD) に達したため、新しい通話は${fallback}で応答しています。`;
  await raiseOperatorAlert(ctx, call, { kind: "budget_exceeded", message, details, period: details.month });
}
