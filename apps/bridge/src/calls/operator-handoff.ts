import type { HandoffInitiator } from "@koe/db";
import { APOLOGY, type OperatorPath, operatorTwiml } from "@koe/twilio";
import type { BridgeContext } from "../context.ts";

/**
 * Moves a live call to the company's operator path through Twilio's REST API (`line`, then a
 * <Dial> or a conference) and records the handoff. Returns whether Twilio accepted. When a
 * fallback's redirect fails, closing the media stream still reaches the operator path (the voice
 * webhook's TwiML continues with the apology and <Dial> after <Connect>), so it counts as handed
 * off; the agent's own request that fails leaves the call with the agent.
 */
export async function handOverToOperator(
  ctx: Pick<BridgeContext, "twilioRest" | "journal" | "metrics">,
  call: { id: string; companyId: string; callSid: string },
  operator: OperatorPath,
  reason: string,
  by: HandoffInitiator,
  line = APOLOGY,
): Promise<boolean> {
  let ok = false;
  if (ctx.twilioRest) {
    try {
      await ctx.twilioRest.redirect(call.callSid, operatorTwiml(operator, line));
      ok = true;
    } catch (error) {
      ctx.metrics.errors.inc({ source: "twilio" });
      ctx.journal.event(call, "error", {
        source: "twilio",
        code: "redirect_failed",
        message: error instanceof Error ? error.message : String(error),
      });
    }
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
