import { parseCallEventPayload } from "@koe/shared";
import { operatorTwiml } from "@koe/twilio";
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "../../auth/session-user.ts";
import type { Context } from "../../trpc.ts";
import { isLive } from "./call-summary.ts";

/** What the caller hears before an operator picks up after a take-over. */
export const TAKE_OVER_LINE = "担当者に代わります。少々お待ちください。";

/**
 * An operator moves a live call off the AI: Twilio REST replaces the call's TwiML with the
 * company's operator path (the bridge sees its media stream close and ends the AI side), and the
 * handoff is written to the call's log and row.
 */
export async function takeOver(
  ctx: Pick<Context, "prisma" | "twilioRest" | "logger">,
  user: SessionUser,
  input: { callId: string; reason: string },
) {
  const call = await ctx.prisma.callSession.findFirst({
    where: { id: input.callId, companyId: user.companyId },
    select: {
      id: true,
      companyId: true,
      callSid: true,
      status: true,
      handoffAt: true,
      company: { select: { operatorPhoneNumber: true, operatorConferenceName: true } },
    },
  });
  if (!call) throw new TRPCError({ code: "NOT_FOUND", message: "No such call." });
  if (!isLive(call.status)) {
    throw new TRPCError({ code: "CONFLICT", message: `The call is no longer live (${call.status}).` });
  }
  if (call.handoffAt) throw new TRPCError({ code: "CONFLICT", message: "The call was already handed off." });
  const operator = {
    phoneNumber: call.company.operatorPhoneNumber,
    conferenceName: call.company.operatorConferenceName,
  };
  if (!operator.phoneNumber && !operator.conferenceName) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "The company has no operator number or conference to hand calls to.",
    });
  }
  if (!ctx.twilioRest) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN).",
    });
  }
  try {
    await ctx.twilioRest.redirect(call.callSid, operatorTwiml(operator, TAKE_OVER_LINE));
  } catch (error) {
    ctx.logger.warn({ err: error, callSid: call.callSid }, "take-over redirect refused by Twilio");
    throw new TRPCError({
      code: "BAD_GATEWAY",
      message: `Twilio refused the take-over: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  const target = operator.conferenceName ?? operator.phoneNumber;
  const handoffAt = new Date();
  await ctx.prisma.$transaction([
    ctx.prisma.callSession.update({
      where: { id: call.id },
      data: { handoffAt, handoffBy: "operator", handoffReason: input.reason },
    }),
    ctx.prisma.callEvent.create({
      data: {
        callSessionId: call.id,
        companyId: call.companyId,
        type: "handoff",
        payload: parseCallEventPayload("handoff", { reason: input.reason, by: "operator", target, ok: true }),
        occurredAt: handoffAt,
      },
    }),
  ]);
  return { callId: call.id, handoffAt: handoffAt.toISOString(), target };
}
