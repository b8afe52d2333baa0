import { realtimeSettingsSchema, type TwilioVoiceParams } from "@koe/shared";
import { chooseEngine } from "@koe/shared/engine-choice";
import { appendOperatorPath } from "@koe/twilio";
import twilio from "twilio";
import { startRealtimeCall } from "../calls/start-realtime-call.ts";
import type { BridgeContext } from "../context.ts";
import { publicBase } from "../http/public-base.ts";
import { greetLegacyCall } from "../legacy/legacy-call.ts";

const VoiceResponse = twilio.twiml.VoiceResponse;
const JA = { language: "ja-JP" } as const;

/**
 * Answers Twilio's voice webhook: finds the agent (by the called number, or `agentId` for
 * outbound calls), picks the engine, records the call, and returns TwiML — a media stream with a
 * signed token for realtime calls, whose OpenAI session starts opening right away; the
 * ConversationEngine's first speech <Gather> for legacy calls.
 */
export async function answerVoiceWebhook(
  ctx: BridgeContext,
  params: TwilioVoiceParams,
  query: URLSearchParams,
): Promise<string> {
  const outbound = query.get("agentId");
  const agent = await ctx.prisma.agent.findFirst({
    where: outbound ? { id: outbound } : { phoneNumbers: { some: { e164: params.To } } },
    select: {
      id: true,
      name: true,
      companyId: true,
      realtimeSettings: true,
      conversationSettings: true,
      keywordTemplates: true,
      company: {
        select: {
          name: true,
          operatorPhoneNumber: true,
          operatorConferenceName: true,
          rollout: { select: { realtimePercentage: true } },
        },
      },
    },
  });
  if (!agent) {
    ctx.logger.warn({ to: params.To, agentId: outbound }, "no agent for this call");
    const twiml = new VoiceResponse();
    twiml.say(JA, "おかけになった番号は、現在使われておりません。");
    twiml.hangup();
    return twiml.toString();
  }

  const customerNumber = outbound ? params.To : params.From;
  const settings = realtimeSettingsSchema.safeParse(agent.realtimeSettings);
  const choice = chooseEngine({
    callSid: params.CallSid,
    killSwitchOn: ctx.env.ENABLE_REALTIME_API,
    agentRealtimeEnabled: settings.success && settings.data.enabled,
    rolloutPercentage: agent.company.rollout?.realtimePercentage ?? 0,
  });
  const customer = await ctx.prisma.customer.findUnique({
    where: { companyId_phoneNumber: { companyId: agent.companyId, phoneNumber: customerNumber } },
    select: { id: true, name: true },
  });
  // Twilio retries a webhook that timed out: the first answer's engine stands.
  const row = await ctx.prisma.callSession.upsert({
    where: { callSid: params.CallSid },
    create: {
      callSid: params.CallSid,
      companyId: agent.companyId,
      agentId: agent.id,
      customerId: customer?.id,
      direction: outbound ? "outbound" : "inbound",
      fromNumber: params.From,
      toNumber: params.To,
      engine: choice.engine,
      engineReason: choice.reason,
      model: choice.engine === "realtime" && settings.success ? settings.data.model : null,
      status: "ringing",
      bridgeInstance: ctx.env.BRIDGE_INSTANCE,
      answeringMachine: params.AnsweredBy,
    },
    update: {},
    select: { id: true, engine: true, engineReason: true },
  });

  const operator = {
    phoneNumber: agent.company.operatorPhoneNumber,
    conferenceName: agent.company.operatorConferenceName,
  };
  if (row.engine === "legacy")
    return greetLegacyCall(
      ctx,
      { id: row.id, companyId: agent.companyId },
      agent,
      operator,
      row.engineReason,
    );

  if (!ctx.calls.get(params.CallSid)) {
    startRealtimeCall(ctx, {
      operator,
      call: {
        id: row.id,
        callSid: params.CallSid,
        companyId: agent.companyId,
        agentId: agent.id,
        customerNumber,
      },
      agent,
      companyName: agent.company.name,
      customerName: customer?.name ?? null,
    });
  }
  const streamUrl = new URL(`/api/twilio/media-stream/${ctx.env.BRIDGE_INSTANCE}`, publicBase(ctx));
  streamUrl.protocol = streamUrl.protocol === "https:" ? "wss:" : "ws:";
  const twiml = new VoiceResponse();
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
