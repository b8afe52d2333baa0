import type { TwilioRest } from "@koe/twilio";
import type { BridgeContext } from "../context.ts";

/** The outgoing Twilio REST actions the bridge takes for a call. */
export type TwilioAction = "redirect" | "hang_up" | "sms";

/** Why an action was not sent: an evaluation run's test call, or no Twilio credentials. */
export type TwilioActionSkip = "test_call" | "not_configured";

export type TwilioActionResult<T> = { sent: true; value: T } | { sent: false; skipped: TwilioActionSkip };

/**
 * Every outgoing Twilio REST action of the bridge goes through here. A test call of an evaluation
 * run is never sent: Twilio does not know its CallSid (the runner made it up), and its scenario's
 * numbers may be a real customer's. Twilio's own errors reach the caller.
 */
export async function twilioAction<T>(
  deps: Pick<BridgeContext, "twilioRest" | "logger">,
  call: { callSid: string; isTest: boolean },
  action: TwilioAction,
  send: (rest: TwilioRest) => Promise<T>,
): Promise<TwilioActionResult<T>> {
  if (call.isTest) {
    deps.logger.info({ callSid: call.callSid, action }, "not sent to Twilio: an evaluation run's test call");
    return { sent: false, skipped: "test_call" };
  }
  if (!deps.twilioRest) return { sent: false, skipped: "not_configured" };
  return { sent: true, value: await send(deps.twilioRest) };
}
