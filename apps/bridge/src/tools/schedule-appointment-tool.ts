import { Prisma } from "@koe/db";
import { scheduleAppointmentArgs, TOOL_NAMES, weeklyHoursSchema } from "@koe/shared";
import type { z } from "zod";
import { twilioAction } from "../twilio/twilio-actions.ts";
import { slotInJapanese, slotProblem } from "./appointment-slot.ts";
import type { ToolDeps } from "./tool-deps.ts";
import type { ToolContext, ToolDefinition } from "./tool-registry.ts";

type Args = z.infer<typeof scheduleAppointmentArgs>;

/**
 * schedule_appointment: books a slot for the caller in their company — a future time within
 * business hours, one booking per slot (the database's unique key settles races between processes)
 * — linked to the call and the customer (created from the caller's number if new), with a Japanese
 * SMS confirmation when the company sends them. The model calling it twice with the same arguments
 * gets the same booking back, and the SMS is sent once.
 */
export function scheduleAppointmentTool(deps: ToolDeps): ToolDefinition<typeof scheduleAppointmentArgs> {
  return {
    name: TOOL_NAMES.schedule,
    description:
      "ご予約を登録します。日付は YYYY-MM-DD、時刻は HH:MM(24時間表記、日本時間)に変換してから呼び出してください(例:「来週火曜の午後3時」→ 実際の日付と 15:00)。",
    parameters: scheduleAppointmentArgs,
    timeoutMs: 10_000,
    async handler(args, context) {
      const company = await deps.prisma.company.findUniqueOrThrow({
        where: { id: context.companyId },
        select: { name: true, timeZone: true, businessHours: true, smsConfirmationEnabled: true },
      });
      const problem = slotProblem(
        args,
        weeklyHoursSchema.parse(company.businessHours),
        company.timeZone,
        deps.now(),
      );
      if (problem) throw new Error(problem);
      const booked = await book(deps, args, context);
      const slot = slotInJapanese(args.date, args.time);
      const smsSent =
        booked.created && company.smsConfirmationEnabled && hasNumber(context)
          ? await sendConfirmation(
              deps,
              context,
              `【${company.name}】${args.name}様、${slot}のご予約を承りました。ご来店をお待ちしております。`,
            )
          : false;
      return {
        booked: true,
        appointmentId: booked.id,
        date: args.date,
        time: args.time,
        name: args.name,
        readBack: `${args.name}様、${slot}でご予約を承りました。`,
        // A repeated call returns the first booking; its SMS went out then.
        ...(booked.created ? {} : { alreadyBooked: true }),
        ...(booked.created && company.smsConfirmationEnabled ? { smsSent } : {}),
      };
    },
  };
}

const E164 = /^\+[1-9]\d{6,14}$/;

function hasNumber(context: ToolContext): boolean {
  return E164.test(context.customerNumber);
}

const DOUBLE_BOOKED = "その日時はすでに別のご予約が入っています。別の日時をご提案ください。";

/** The booking row: a new one, or this call's identical earlier one (idempotent repeat). */
async function book(
  deps: ToolDeps,
  args: Args,
  context: ToolContext,
): Promise<{ id: string; created: boolean }> {
  const slot = { companyId: context.companyId, date: new Date(`${args.date}T00:00:00Z`), time: args.time };
  const existing = await deps.prisma.appointment.findUnique({
    where: { companyId_date_time: slot },
    select: { id: true, name: true, status: true, callSessionId: true },
  });
  if (existing?.status === "booked") {
    if (existing.callSessionId === context.callSessionId && existing.name === args.name)
      return { id: existing.id, created: false };
    throw new Error(DOUBLE_BOOKED);
  }
  // A withheld caller ID ("anonymous") names nobody: such a booking has no customer.
  const customer = hasNumber(context)
    ? await deps.prisma.customer.upsert({
        where: {
          companyId_phoneNumber: { companyId: context.companyId, phoneNumber: context.customerNumber },
        },
        create: { companyId: context.companyId, phoneNumber: context.customerNumber, name: args.name },
        update: {},
        select: { id: true },
      })
    : null;
  const data = {
    name: args.name,
    customerId: customer?.id ?? null,
    callSessionId: context.callSessionId,
    status: "booked" as const,
  };
  try {
    // A cancelled booking keeps its slot's row (the key is per slot): it is booked again in place.
    const row = existing
      ? await deps.prisma.appointment.update({
          where: { id: existing.id, status: "canceled" },
          data,
          select: { id: true },
        })
      : await deps.prisma.appointment.create({ data: { ...slot, ...data }, select: { id: true } });
    return { id: row.id, created: true };
  } catch (error) {
    // Another call took the slot between the check and the write.
    if (error instanceof Prisma.PrismaClientKnownRequestError && ["P2002", "P2025"].includes(error.code))
      throw new Error(DOUBLE_BOOKED);
    throw error;
  }
}

/**
 * Sends the SMS from the company's number on this call; a failure is logged, the booking stands.
 * A test call's is not sent (`twilio-actions.ts`).
 */
async function sendConfirmation(deps: ToolDeps, context: ToolContext, body: string): Promise<boolean> {
  const call = await deps.prisma.callSession.findUniqueOrThrow({
    where: { id: context.callSessionId },
    select: { direction: true, fromNumber: true, toNumber: true },
  });
  const from = call.direction === "inbound" ? call.toNumber : call.fromNumber;
  try {
    const sms = await twilioAction(deps, context, "sms", (rest) =>
      rest.sendSms({ from, to: context.customerNumber, body }),
    );
    if (!sms.sent && sms.skipped === "not_configured") throw new Error("Twilio is not configured");
    return sms.sent;
  } catch (error) {
    deps.metrics.errors.inc({ source: "twilio" });
    deps.journal.event({ id: context.callSessionId, companyId: context.companyId }, "error", {
      source: "twilio",
      code: "sms_failed",
      message: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}
