import { appendOperatorPath, JAPANESE, type OperatorPath } from "@koe/twilio";
import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import type { LegacyReply } from "./conversation-engine.ts";

/** Twilio accepts at most this many speech hints per <Gather>. */
const MAX_HINTS = 500;

export type ListenTarget = {
  /** Absolute Gather action URL: Twilio signs exactly this URL, so the bridge can check it. */
  action: string;
  /** Keywords and synonyms: they help Twilio's recognizer with the agent's own vocabulary. */
  hints: string[];
};

/**
 * The engine's reply as TwiML. Listening lines play inside the <Gather>, so a caller who already
 * knows what to say can talk over them; an empty result still posts the action (a silent caller
 * counts as not understood, so the call never ends in silence).
 */
export function legacyTwiml(
  reply: LegacyReply,
  listen: ListenTarget,
  operator: OperatorPath,
  response = new VoiceResponse(),
): string {
  if (reply.next === "transfer") return appendOperatorPath(response, operator, reply.say).toString();
  if (reply.next === "end") {
    for (const line of reply.say) response.say(JAPANESE, line);
    response.hangup();
    return response.toString();
  }
  const hints = listen.hints.slice(0, MAX_HINTS).join(",");
  response
    .gather({
      input: ["speech"],
      ...JAPANESE,
      action: listen.action,
      method: "POST",
      speechTimeout: "auto",
      actionOnEmptyResult: true,
      ...(hints ? { hints } : {}),
    })
    .say(JAPANESE, reply.say);
  return response.toString();
}
