import { admitCallWithinCapacity, type CallEngine, type EngineReason } from "@koe/db";
import { BUDGET_FALLBACK_MODEL, type BudgetExceededDetails, type TwilioVoiceParams } from "@koe/shared";
import { chooseEngine, type EngineChoice } from "@koe/shared/engine-choice";
import type { BridgeContext } from "../context.ts";
import { type BudgetCompany, monthlyBudgetExceeded } from "../limits/monthly-budget.ts";

export type AdmittedCall = {
  id: string;
  engine: CallEngine;
  engineReason: EngineReason;
  model: string | null;
  /** Set when this answer decided the engine because the month's budget is spent. */
  overBudget: BudgetExceededDetails | null;
};

export type AdmissionRequest = {
  params: TwilioVoiceParams;
  outbound: boolean;
  agent: {
    id: string;
    companyId: string;
    realtimeEnabled: boolean;
    model: string | null;
    /** The agent's current version, read with the settings this call runs with. */
    versionId: string | null;
  };
  company: BudgetCompany & { rolloutPercentage: number };
  customerId: string | null;
  /** A test call of an evaluation run: the run's agent version, marked as a test. */
  evaluation?: { agentVersionId: string } | null;
};

/**
 * Gives a call reaching the voice webhook its row and engine, once. A Twilio retry keeps the first
 * answer; an outbound call the api placed (its row has no engine yet) gets its engine now; a new
 * inbound call takes one of the company's lines or is refused (null) when all are busy. Over the
 * monthly budget, a realtime call falls back to the legacy engine or the mini model as configured.
 * The row records the agent version the call runs with.
 */
export async function admitCall(ctx: BridgeContext, request: AdmissionRequest): Promise<AdmittedCall | null> {
  const { params, agent, company } = request;
  const existing = await ctx.prisma.callSession.findUnique({
    where: { callSid: params.CallSid },
    select: { id: true, engine: true, engineReason: true, model: true },
  });
  if (existing?.engine && existing.engineReason)
    return { ...existing, engine: existing.engine, engineReason: existing.engineReason, overBudget: null };

  // A test call evaluates the realtime agent whatever its toggle and the rollout say; only the
  // global kill switch stops it.
  let choice: EngineChoice = request.evaluation
    ? ctx.env.ENABLE_REALTIME_API
      ? { engine: "realtime", reason: "evaluation_run" }
      : { engine: "legacy", reason: "kill_switch_off" }
    : chooseEngine({
        callSid: params.CallSid,
        killSwitchOn: ctx.env.ENABLE_REALTIME_API,
        agentRealtimeEnabled: agent.realtimeEnabled,
        rolloutPercentage: company.rolloutPercentage,
      });
  let model = choice.engine === "realtime" ? agent.model : null;
  const overBudget =
    choice.engine === "realtime" ? await monthlyBudgetExceeded(ctx.prisma, company, new Date()) : null;
  if (overBudget) {
    const legacy = overBudget.action === "use_legacy_engine";
    choice = { engine: legacy ? "legacy" : "realtime", reason: "over_budget" };
    model = legacy ? null : BUDGET_FALLBACK_MODEL;
  }
  const decided = {
    engine: choice.engine,
    engineReason: choice.reason,
    model,
    bridgeInstance: ctx.env.BRIDGE_INSTANCE,
    answeringMachine: params.AnsweredBy ?? null,
    // The call starts now (an outbound call's row was placed earlier, maybe before another save).
    agentVersionId: agent.versionId,
  };
  if (existing) {
    // Placed by the api, which already took the line: the call is answered now.
    await ctx.prisma.callSession.update({
      where: { id: existing.id },
      data: { ...decided, status: "ringing", customerId: request.customerId },
    });
    return { id: existing.id, ...decided, overBudget };
  }
  const row = await admitCallWithinCapacity(ctx.prisma, {
    callSid: params.CallSid,
    companyId: agent.companyId,
    agentId: agent.id,
    customerId: request.customerId,
    direction: request.outbound ? "outbound" : "inbound",
    fromNumber: params.From,
    toNumber: params.To,
    status: "ringing",
    ...decided,
    ...(request.evaluation && { isTest: true, agentVersionId: request.evaluation.agentVersionId }),
  }).catch(async (error: unknown) => {
    // Twilio retried while the first answer was still inserting: that answer stands.
    const raced = await ctx.prisma.callSession.findUnique({
      where: { callSid: params.CallSid },
      select: { id: true },
    });
    if (!raced) throw error;
    return raced;
  });
  return row ? { id: row.id, ...decided, overBudget } : null;
}
