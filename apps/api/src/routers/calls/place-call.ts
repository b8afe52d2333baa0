import { randomUUID } from "node:crypto";
import { admitCallWithinCapacity } from "@koe/db";
import { isWithinHours, parseCallEventPayload, weeklyHoursSchema, zonedParts } from "@koe/shared";
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
/**
 * Why a call was not placed, for the SPA to word in the user's language: what the company's own
 * settings say no to, as opposed to a fault.
 */
export type PlaceCallRefusal =
  | { reason: "no_phone_number" }
  | { reason: "twilio_not_configured" }
  | { reason: "outside_calling_hours"; localTime: string; today: { open: string; close: string } | null }
  | { reason: "lines_busy"; lines: number };

export type PlaceCallResult =
  | { placed: true; callId: string; callSid: string }
  | ({ placed: false } & PlaceCallRefusal);

export async function placeCall(
  ctx: Pick<Context, "prisma" | "twilioRest" | "logger" | "publicBaseUrl" | "now">,
  user: SessionUser,
  input: { agentId: string; to: string },
): Promise<PlaceCallResult> {
  const agent = await ctx.prisma.agent.findFirst({
    where: { id: input.agentId, companyId: user.companyId },
    select: {
      id: true,
      currentVersionId: true,
      phoneNumbers: { select: { e164: true }, orderBy: { createdAt: "asc" }, take: 1 },
      company: { select: { timeZone: true, callingHours: true, maxConcurrentCalls: true } },
    },
  });
  if (!agent) throw new TRPCError({ code: "NOT_FOUND", message: "No such agent." });
  const from = agent.phoneNumbers[0]?.e164;
  if (!from) return { placed: false, reason: "no_phone_number" };
  if (!ctx.twilioRest || !ctx.publicBaseUrl) return { placed: false, reason: "twilio_not_configured" };

  const { timeZone } = agent.company;
  const hours = weeklyHoursSchema.parse(agent.company.callingHours);
  const local = zonedParts(ctx.now(), timeZone);
  if (!isWithinHours(hours, local.weekday, local.time)) {
    const today = hours[local.weekday];
    return {
      placed: false,
      reason: "outside_calling_hours",
      localTime: local.time,
      today: today ? { open: today.open, close: today.close } : null,
    };
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
    // The version when placed; the bridge records the one it answers with when the callee picks up.
    agentVersionId: agent.currentVersionId,
  });
  if (!row) return { placed: false, reason: "lines_busy", lines: agent.company.maxConcurrentCalls };

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
  // The live monitor follows call events: this one puts the new call on it while it rings.
  await ctx.prisma.callEvent.create({
    data: {
      callSessionId: row.id,
      companyId: user.companyId,
      type: "status",
      payload: parseCallEventPayload("status", { status: "initiated", detail: "outbound call placed" }),
    },
  });
  return { placed: true, callId: row.id, callSid };
}
