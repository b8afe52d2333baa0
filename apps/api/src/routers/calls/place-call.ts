import { randomUUID } from "node:crypto";
import { admitCallWithinCapacity } from "@koe/db";
import { isWithinHours, weeklyHoursSchema, zonedParts } from "@koe/shared";
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "../../auth/session-user.ts";
import type { Context } from "../../trpc.ts";

/** Seconds an outbound call may ring before Twilio gives up (no_answer). */
const RING_TIMEOUT_SECONDS = 30;

/**
 * Places an outbound call from an agent to a customer: within the company's calling hours (its
 * time zone, Japan for Koe's customers), on a free line (the call's row takes it before Twilio is
 * asked, so concurrent placements and inbound calls count together), through Twilio's
 * `calls.create` with the bridge's voice webhook for the agent, status callbacks and
 * answering-machine detection. Every refusal says why.
 */
export async function placeCall(
  ctx: Pick<Context, "prisma" | "twilioRest" | "logger" | "publicBaseUrl" | "now">,
  user: SessionUser,
  input: { agentId: string; to: string },
) {
  const agent = await ctx.prisma.agent.findFirst({
    where: { id: input.agentId, companyId: user.companyId },
    select: {
      id: true,
      phoneNumbers: { select: { e164: true }, orderBy: { createdAt: "asc" }, take: 1 },
      company: { select: { timeZone: true, callingHours: true, maxConcurrentCalls: true } },
    },
  });
  if (!agent) throw new TRPCError({ code: "NOT_FOUND", message: "No such agent." });
  const from = agent.phoneNumbers[0]?.e164;
  if (!from)
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "The agent has no phone number to call from.",
    });
  if (!ctx.twilioRest || !ctx.publicBaseUrl)
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "Outbound calls need Twilio (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN) and PUBLIC_BASE_URL.",
    });

  const { timeZone } = agent.company;
  const hours = weeklyHoursSchema.parse(agent.company.callingHours);
  const local = zonedParts(ctx.now(), timeZone);
  if (!isWithinHours(hours, local.weekday, local.time)) {
    const today = hours[local.weekday];
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Outside calling hours: it is ${local.date} ${local.time} (${timeZone}); ${
        today ? `calls may be placed ${today.open}–${today.close} today` : "no calls are placed today"
      }.`,
    });
  }

  const customer = await ctx.prisma.customer.findUnique({
    where: { companyId_phoneNumber: { companyId: user.companyId, phoneNumber: input.to } },
    select: { id: true },
  });
  const row = await admitCallWithinCapacity(ctx.prisma, {
    // Twilio names the call only when it accepts it; until then the row holds the line.
    callSid: `pending-${randomUUID()}`,
    companyId: user.companyId,
    agentId: agent.id,
    customerId: customer?.id ?? null,
    direction: "outbound",
    fromNumber: from,
    toNumber: input.to,
    status: "initiated",
    placedByUserId: user.id,
  });
  if (!row)
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `All ${agent.company.maxConcurrentCalls} lines of the company are busy; try again when a call ends.`,
    });

  const base = ctx.publicBaseUrl;
  const webhook = new URL("/api/twilio/voice", base);
  webhook.searchParams.set("agentId", agent.id);
  let callSid: string;
  try {
    callSid = await ctx.twilioRest.placeCall({
      to: input.to,
      from,
      url: webhook.toString(),
      statusCallback: new URL("/api/twilio/status", base).toString(),
      timeoutSeconds: RING_TIMEOUT_SECONDS,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ctx.prisma.callSession.update({
      where: { id: row.id },
      data: { status: "failed", endReason: "failed", endedAt: ctx.now() },
    });
    ctx.logger.warn({ err: error, agentId: agent.id }, "Twilio refused an outbound call");
    throw new TRPCError({
      code: "BAD_GATEWAY",
      message: `Twilio refused the call: ${message}`,
      cause: error,
    });
  }
  // Twilio asks the voice webhook only once the callee answers (and the machine check is done).
  await ctx.prisma.callSession.update({ where: { id: row.id }, data: { callSid } });
  return { callId: row.id, callSid };
}
