import type { HandoffInitiator } from "@koe/db";
import { APOLOGY, type OperatorPath, operatorTwiml } from "@koe/twilio";
import type { BridgeContext } from "../context.ts";
import { twilioAction } from "../twilio/twilio-actions.ts";

/**
 * Moves a live call to the company's operator path through Twilio's REST API (`line`, then a
 * <Dial> or a conference) and records the handoff. Returns whether Twilio accepted. When a
 * fallback's redirect fails, closing the media stream still reaches the operator path (the voice
 * webhook's TwiML continues with the apology and <Dial> after <Connect>), so it counts as handed
 * off; the agent's own request that fails leaves the call with the agent. A test call's handoff is
 * recorded as done without Twilio (`twilio-actions.ts`): its evaluation judges the agent's decision.
 */
export async function handOverToOperator(
  ctx: Pick<BridgeContext, "twilioRest" | "journal" | "metrics" | "logger">,
  call: { id: string; companyId: string; callSid: string; isTest: boolean },
  operator: OperatorPath,
  reason: string,
  by: HandoffInitiator,
  line = APOLOGY,
): Promise<boolean> {
  let ok = false;
  try {
    const redirected = await twilioAction(ctx, call, "redirect", (rest) =>
      rest.redirect(call.callSid, operatorTwiml(operator, line)),
    );
    ok = redirected.sent || redirected.skipped === "test_call";
  } catch (error) {
    ctx.metrics.errors.inc({ source: "twilio" });
    ctx.journal.event(call, "error", {
      source: "twilio",
      code: "redirect_failed",
      message: error instanceof Error ? error.message : String(error),
    });
  }
  ctx.journal.event(call, "handoff", {
    reason,
    by,
    target: operator.conferenceName ?? operator.phoneNumber,
    ok,
  });
  if (ok || by === "fallback")
    ctx.journal.updateCall(call.id, { handoffAt: new Date(), handoffReason: reason, handoffBy: by });
  return ok;
}
