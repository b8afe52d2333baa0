import type { TwilioVoiceParams } from "@koe/shared";
import { operatorTwiml } from "@koe/twilio";
import type { BridgeContext } from "../context.ts";
import { answerVoiceWebhook } from "../twilio/voice-webhook.ts";

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
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), ctx.env.VOICE_WEBHOOK_DEADLINE_MS);
  });
  // Settled either way, so a failure after the deadline is no unhandled rejection.
  const answered = answerVoiceWebhook(ctx, params, query).then(
    (twiml) => ({ twiml }),
    (error: unknown) => ({ error }),
  );
  const outcome = await Promise.race([answered, late]);
  clearTimeout(timer);
  if ("twiml" in outcome) return outcome.twiml;
  // The caller was sent to the operator: a session the late answer still opens would hold a line
  // and an OpenAI session for a stream that never comes.
  void answered.then((settled) => {
    if ("twiml" in settled) ctx.calls.get(params.CallSid)?.end("handed_off");
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
