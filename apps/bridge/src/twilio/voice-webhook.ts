import { LIVE_CALL_STATUSES } from "@koe/db";
import { isRealtimeModel, realtimeSettingsSchema, type TwilioVoiceParams } from "@koe/shared";
import { appendOperatorPath, appendRecordingStart, JAPANESE } from "@koe/twilio";
import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { startRealtimeCall } from "../calls/start-realtime-call.ts";
import type { BridgeContext } from "../context.ts";
import { publicBase } from "../http/public-base.ts";
import { greetLegacyCall } from "../legacy/legacy-call.ts";
import { recordBudgetAlert } from "../limits/monthly-budget.ts";
import { admitCall } from "../routing/call-admission.ts";
import { findEvaluationCall } from "../routing/evaluation-call.ts";
import { RECORDING_STATUS_PATH } from "./recording-webhook.ts";

const LINES_BUSY =
  "ただいま回線が大変混み合っております。恐れ入りますが、しばらくしてからおかけ直しください。";

function sayAndHangUp(line: string | null): string {
  const twiml = new VoiceResponse();
  if (line) twiml.say(JAPANESE, line);
  twiml.hangup();
  return twiml.toString();
}

/**
 * Answers Twilio's voice webhook: finds the agent (by the called number, or `agentId` for
 * outbound calls), admits the call (a free line, the engine, the budget), and returns TwiML — a
 * media stream with a signed token for realtime calls, whose OpenAI session starts opening right
 * away; the ConversationEngine's first speech <Gather> for legacy calls. Recording starts first
 * when the company has it enabled.
 */
export async function answerVoiceWebhook(
  ctx: BridgeContext,
  params: TwilioVoiceParams,
  query: URLSearchParams,
): Promise<string> {
  // A replayed webhook of a finished call must not reopen it (a new token, a new OpenAI session).
  const finished = await ctx.prisma.callSession.findFirst({
    where: { callSid: params.CallSid, status: { notIn: [...LIVE_CALL_STATUSES] } },
    select: { status: true },
  });
  if (finished) {
    ctx.logger.warn(
      { callSid: params.CallSid, status: finished.status },
      "hung up a webhook for a finished call",
    );
    return sayAndHangUp(null);
  }
  const evalRunId = query.get("evalRunId");
  const evaluation = evalRunId ? await findEvaluationCall(ctx, evalRunId) : null;
  if (evalRunId && !evaluation) {
    ctx.logger.warn({ callSid: params.CallSid, evalRunId }, "hung up a test call of no running evaluation");
    return sayAndHangUp(null);
  }
  const outbound = query.get("agentId");
  const found = await ctx.prisma.agent.findFirst({
    where: evaluation
      ? { id: evaluation.agentId }
      : outbound
        ? { id: outbound }
        : { phoneNumbers: { some: { e164: params.To } } },
    select: {
      id: true,
      name: true,
      companyId: true,
      realtimeSettings: true,
      conversationSettings: true,
      keywordTemplates: true,
      // Read with the settings, in one row: the version the call records is the one it runs with.
      currentVersionId: true,
      company: {
        select: {
          id: true,
          name: true,
          timeZone: true,
          monthlyBudgetUsd: true,
          overBudgetAction: true,
          recordingEnabled: true,
          operatorPhoneNumber: true,
          operatorConferenceName: true,
          rollout: { select: { realtimePercentage: true } },
        },
      },
    },
  });
  if (!found) {
    ctx.logger.warn({ to: params.To, agentId: outbound }, "no agent for this call");
    return sayAndHangUp("おかけになった番号は、現在使われておりません。");
  }
  // A test call runs with the settings of the version under evaluation, not the agent's current ones.
  const agent = evaluation
    ? {
        ...found,
        realtimeSettings: evaluation.realtimeSettings,
        conversationSettings: evaluation.conversationSettings,
        keywordTemplates: evaluation.keywordTemplates,
      }
    : found;
  // Kept a while, so that a caller still reaches an operator when the database is unreachable.
  ctx.operators.remember(params, query, {
    phoneNumber: agent.company.operatorPhoneNumber,
    conferenceName: agent.company.operatorConferenceName,
  });

  const customerNumber = outbound ? params.To : params.From;
  const settings = realtimeSettingsSchema.safeParse(agent.realtimeSettings);
  const customer = await ctx.prisma.customer.findUnique({
    where: { companyId_phoneNumber: { companyId: agent.companyId, phoneNumber: customerNumber } },
    select: { id: true, name: true },
  });
  const row = await admitCall(ctx, {
    params,
    outbound: outbound !== null,
    agent: {
      id: agent.id,
      companyId: agent.companyId,
      realtimeEnabled: settings.success && settings.data.enabled,
      model: settings.success ? settings.data.model : null,
      versionId: agent.currentVersionId,
    },
    company: { ...agent.company, rolloutPercentage: agent.company.rollout?.realtimePercentage ?? 0 },
    customerId: customer?.id ?? null,
    evaluation: evaluation && { agentVersionId: evaluation.agentVersionId },
  });
  if (!row) {
    ctx.logger.warn(
      { callSid: params.CallSid, companyId: agent.companyId },
      "refused a call: every line is busy",
    );
    return sayAndHangUp(LINES_BUSY);
  }
  const call = { id: row.id, companyId: agent.companyId };
  if (row.overBudget) await recordBudgetAlert(ctx, call, row.overBudget);
  // Answering-machine detection on outbound calls: the agent does not talk to a machine.
  if (outbound && /^(machine|fax)/.test(params.AnsweredBy ?? "")) {
    ctx.journal.event(call, "status", { status: "machine", detail: `answered by ${params.AnsweredBy}` });
    return sayAndHangUp(null);
  }

  const operator = {
    phoneNumber: agent.company.operatorPhoneNumber,
    conferenceName: agent.company.operatorConferenceName,
  };
  const twiml = new VoiceResponse();
  if (agent.company.recordingEnabled)
    appendRecordingStart(twiml, new URL(RECORDING_STATUS_PATH, publicBase(ctx)).toString());
  if (row.engine === "legacy") return greetLegacyCall(ctx, call, agent, operator, row.engineReason, twiml);

  if (!ctx.calls.get(params.CallSid)) {
    startRealtimeCall(ctx, {
      operator,
      call: {
        ...call,
        callSid: params.CallSid,
        agentId: agent.id,
        customerNumber,
        isTest: evaluation !== null,
      },
      agent,
      ...(isRealtimeModel(row.model) ? { model: row.model } : {}),
      companyName: agent.company.name,
      customerName: customer?.name ?? null,
    });
  }
  const streamUrl = new URL(`/api/twilio/media-stream/${ctx.env.BRIDGE_INSTANCE}`, publicBase(ctx));
  streamUrl.protocol = streamUrl.protocol === "https:" ? "wss:" : "ws:";
  twiml
    .connect()
    .stream({ url: streamUrl.toString() })
    .parameter({
      name: "token",
      value: ctx.tokens.issue({
        callSid: params.CallSid,
        agentId: agent.id,
        instance: ctx.env.BRIDGE_INSTANCE,
      }),
    });
  // Twilio goes on here when the stream ends without the call ending (bridge lost, provider gone):
  // the caller hears an apology and reaches an operator, never dead air.
  appendOperatorPath(twiml, operator);
  return twiml.toString();
}
