import type { TwilioVoiceParams } from "@koe/shared";
import { operatorTwiml } from "@koe/twilio";
import type { BridgeContext } from "../context.ts";
import { answerVoiceWebhook } from "../twilio/voice-webhook.ts";
import { withinDeadline } from "./deadline.ts";

/**
 * Answers the voice webhook, and when that fails or takes longer than VOICE_WEBHOOK_DEADLINE_MS
 * (the database unreachable or hung; Twilio gives up after 15 s and plays its English "application
 * error"), answers with the operator path instead: a Japanese apology and the company's operator
 * from the OperatorCache, or the apology and a hang-up when no operator is known. Never a 500.
 */
export async function answerVoiceWebhookOrFallBack(
  ctx: BridgeContext,
  params: TwilioVoiceParams,
  query: URLSearchParams,
): Promise<string> {
  const { outcome, settled } = await withinDeadline(
    answerVoiceWebhook(ctx, params, query),
    ctx.env.VOICE_WEBHOOK_DEADLINE_MS,
  );
  if ("value" in outcome) return outcome.value;
  // The caller was sent to the operator: a session the late answer still opens would hold a line
  // and an OpenAI session for a stream that never comes.
  void settled.then((answer) => {
    if ("value" in answer) ctx.calls.get(params.CallSid)?.end("handed_off");
  });
  const operator = ctx.operators.recall(params, query);
  ctx.metrics.errors.inc({ source: "voice_webhook" });
  ctx.logger.error(
    {
      err: "error" in outcome ? outcome.error : undefined,
      callSid: params.CallSid,
      deadlineMs: ctx.env.VOICE_WEBHOOK_DEADLINE_MS,
      operatorKnown: operator !== null,
    },
    "voice webhook failed or missed its deadline: sent the caller to the operator path",
  );
  return operatorTwiml(operator ?? { phoneNumber: null, conferenceName: null });
}
