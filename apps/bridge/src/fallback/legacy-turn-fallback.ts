import type { TwilioGatherParams } from "@koe/shared";
import { operatorTwiml } from "@koe/twilio";
import type { BridgeContext } from "../context.ts";
import { answerLegacyTurn, type LegacyTurnAnswer } from "../legacy/legacy-call.ts";
import { withinDeadline } from "./deadline.ts";

/**
 * Answers a legacy call's turn (Twilio posts the Gather's speech result), and when that fails or
 * takes longer than VOICE_WEBHOOK_DEADLINE_MS (the database unreachable or hung), keeps the caller
 * as the voice webhook's fallback does: the Japanese apology and the operator last read for the
 * number, or the apology and a hang-up when none is known. Never a 500, which would end the call.
 */
export async function answerLegacyTurnOrFallBack(
  ctx: BridgeContext,
  params: TwilioGatherParams,
  query: URLSearchParams,
): Promise<LegacyTurnAnswer> {
  const { outcome } = await withinDeadline(
    answerLegacyTurn(ctx, params, query),
    ctx.env.VOICE_WEBHOOK_DEADLINE_MS,
  );
  if ("value" in outcome) return outcome.value;
  // Inbound legacy calls are known by the called number (an outbound call's `To` is the customer).
  const operator = params.To ? ctx.operators.recall({ To: params.To }, query) : null;
  ctx.metrics.errors.inc({ source: "legacy_gather" });
  ctx.logger.error(
    {
      err: "error" in outcome ? outcome.error : undefined,
      callSid: params.CallSid,
      deadlineMs: ctx.env.VOICE_WEBHOOK_DEADLINE_MS,
      operatorKnown: operator !== null,
    },
    "legacy turn failed or missed its deadline: sent the caller to the operator path",
  );
  return { status: 200, twiml: operatorTwiml(operator ?? { phoneNumber: null, conferenceName: null }) };
}
