import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { JAPANESE } from "./japanese.ts";

/** Where a company's operators are reached: a number to dial, or a conference to join. */
export type OperatorPath = { phoneNumber: string | null; conferenceName: string | null };

export const APOLOGY =
  "申し訳ございません。ただいまシステムに問題が発生しております。担当者におつなぎします。少々お待ちください。";
const NO_OPERATOR =
  "申し訳ございません。ただいま担当者が対応できません。恐れ入りますが、後ほどおかけ直しください。";

/** Appends "say this, then connect an operator" (or apologize and hang up when there is none). */
export function appendOperatorPath(
  response: VoiceResponse,
  operator: OperatorPath,
  line = APOLOGY,
): VoiceResponse {
  if (operator.conferenceName) {
    response.say(JAPANESE, line);
    response.dial().conference(operator.conferenceName);
  } else if (operator.phoneNumber) {
    response.say(JAPANESE, line);
    response.dial(operator.phoneNumber);
  } else {
    response.say(JAPANESE, NO_OPERATOR);
    response.hangup();
  }
  return response;
}

/** TwiML that moves a live call to the operator path. */
export function operatorTwiml(operator: OperatorPath, line = APOLOGY): string {
  return appendOperatorPath(new VoiceResponse(), operator, line).toString();
}
