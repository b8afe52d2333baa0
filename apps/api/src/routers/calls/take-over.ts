import type { PrismaClient } from "@koe/db";
import { parseCallEventPayload } from "@koe/shared";
import { operatorTwiml } from "@koe/twilio";
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "../../auth/session-user.ts";
import type { Context } from "../../trpc.ts";
import { isLive, LIVE_STATUSES } from "./call-summary.ts";

/** What the caller hears before an operator picks up after a take-over. */
export const TAKE_OVER_LINE = "担当者に代わります。少々お待ちください。";

/**
 * An operator moves a live call off the AI: Twilio REST replaces the call's TwiML with the
 * company's operator path (the bridge sees its media stream close and ends the AI side), and the
 * handoff is written to the call's log and row.
 *
 * The call is claimed first (a conditional update on `handoffAt` being null), so of two
 * operators pressing at once, or an operator racing a handoff already recorded, exactly one
 * reaches Twilio; the claim is released when Twilio refuses.
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
  assertOpen(call);
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

  const handoffAt = new Date();
  const claimed = { id: call.id, handoffAt, handoffBy: "operator" } as const;
  const claim = await ctx.prisma.callSession.updateMany({
    where: { id: call.id, companyId: user.companyId, handoffAt: null, status: { in: LIVE_STATUSES } },
    data: { handoffAt, handoffBy: "operator", handoffReason: input.reason },
  });
  if (claim.count !== 1) {
    // Someone else claimed it (or the call ended) since it was read: say which.
    assertOpen(await currentState(ctx.prisma, call.id));
    throw new TRPCError({ code: "CONFLICT", message: "The call was already handed off." });
  }

  try {
    await ctx.twilioRest.redirect(call.callSid, operatorTwiml(operator, TAKE_OVER_LINE));
  } catch (error) {
    ctx.logger.warn({ err: error, callSid: call.callSid }, "take-over redirect refused by Twilio");
    // Only this claim is released: the same instant and initiator mean nobody wrote over it.
    await ctx.prisma.callSession.updateMany({
      where: claimed,
      data: { handoffAt: null, handoffBy: null, handoffReason: null },
    });
    throw new TRPCError({
      code: "BAD_GATEWAY",
      message: `Twilio refused the take-over: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  const target = operator.conferenceName ?? operator.phoneNumber;
  await ctx.prisma.callEvent.create({
    data: {
      callSessionId: call.id,
      companyId: call.companyId,
      type: "handoff",
      payload: parseCallEventPayload("handoff", { reason: input.reason, by: "operator", target, ok: true }),
      occurredAt: handoffAt,
    },
  });
  return { callId: call.id, handoffAt: handoffAt.toISOString(), target };
}

function assertOpen(call: { status: Parameters<typeof isLive>[0]; handoffAt: Date | null } | null): void {
  if (!call) throw new TRPCError({ code: "NOT_FOUND", message: "No such call." });
  if (!isLive(call.status)) {
    throw new TRPCError({ code: "CONFLICT", message: `The call is no longer live (${call.status}).` });
  }
  if (call.handoffAt) throw new TRPCError({ code: "CONFLICT", message: "The call was already handed off." });
}

function currentState(prisma: PrismaClient, callId: string) {
  return prisma.callSession.findUnique({ where: { id: callId }, select: { status: true, handoffAt: true } });
}
