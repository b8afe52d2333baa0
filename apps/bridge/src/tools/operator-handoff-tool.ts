import { requestOperatorHandoffArgs, TOOL_NAMES } from "@koe/shared";
import { handOverToOperator } from "../calls/operator-handoff.ts";
import type { ToolDeps } from "./tool-deps.ts";
import { ActionResult, type ToolDefinition } from "./tool-registry.ts";

/** What the caller hears (in Twilio's Japanese voice) while the operator's phone rings. */
export const HANDOFF_LINE = "担当者におつなぎします。少々お待ちください。";

/**
 * request_operator_handoff: moves the live call to the company's operator (a <Dial> or its
 * conference) through Twilio's REST API, the short line first. The new TwiML ends the media
 * stream, so the line travels with it rather than as the model's next audio, which the caller
 * would never hear. No operator, or Twilio refusing, is an error the model apologizes for.
 */
export function operatorHandoffTool(deps: ToolDeps): ToolDefinition<typeof requestOperatorHandoffArgs> {
  return {
    name: TOOL_NAMES.handoff,
    description:
      "お客様を担当者(人間のオペレーター)におつなぎします。お客様が担当者との会話を希望したとき、またはご要望にお応えできないときに使います。",
    parameters: requestOperatorHandoffArgs,
    timeoutMs: 10_000,
    async handler({ reason }, context) {
      const row = await deps.prisma.callSession.findUniqueOrThrow({
        where: { id: context.callSessionId },
        select: {
          handoffAt: true,
          company: { select: { operatorPhoneNumber: true, operatorConferenceName: true } },
        },
      });
      if (row.handoffAt) return { transferred: true, note: "すでに担当者へおつなぎしています。" };
      const operator = {
        phoneNumber: row.company.operatorPhoneNumber,
        conferenceName: row.company.operatorConferenceName,
      };
      const call = {
        id: context.callSessionId,
        companyId: context.companyId,
        callSid: context.callSid,
        isTest: context.isTest,
      };
      if (!operator.phoneNumber && !operator.conferenceName) {
        deps.journal.event(call, "handoff", { reason, by: "ai", target: null, ok: false });
        throw new Error(
          "担当者の転送先が設定されていないため、おつなぎできません。お客様にお詫びし、ご用件を伺って後ほど担当者から折り返しご連絡する旨をお伝えください。",
        );
      }
      // Before the redirect: Twilio's stop for it may reach the call before Twilio's reply.
      const stay = context.leavingAs("handed_off");
      const ok = await handOverToOperator(deps, call, operator, reason, "ai", HANDOFF_LINE);
      if (!ok) {
        stay();
        throw new Error(
          "電話システムが転送を受け付けなかったため、担当者におつなぎできませんでした。お客様にお詫びし、このままご用件を伺ってください。",
        );
      }
      // Twilio now plays the line and dials: the call ends its AI side on this result.
      return new ActionResult(
        { transferred: true, target: operator.conferenceName ?? operator.phoneNumber },
        "handed_off",
      );
    },
  };
}
