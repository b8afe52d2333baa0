import { getCustomerInfoArgs, TOOL_NAMES } from "@koe/shared";
import type { ToolDeps } from "./tool-deps.ts";
import type { ToolDefinition } from "./tool-registry.ts";

const RECENT = 5;

/**
 * get_customer_info: the customer with this number in the calling company only (the company comes
 * from the call, never from the model), with their notes, recent calls and booked appointments.
 * The caller's own number is the default; an unknown number is a plain "not found".
 */
export function customerInfoTool(deps: ToolDeps): ToolDefinition<typeof getCustomerInfoArgs> {
  return {
    name: TOOL_NAMES.customerInfo,
    description:
      "電話番号からお客様の情報(お名前、メモ、最近のお問い合わせ、ご予約)を調べます。番号を省略するとお電話中のお客様の番号で調べます。",
    parameters: getCustomerInfoArgs,
    async handler({ phone_number }, context) {
      const phoneNumber = phone_number ?? context.customerNumber;
      const customer = await deps.prisma.customer.findUnique({
        where: { companyId_phoneNumber: { companyId: context.companyId, phoneNumber } },
        select: {
          name: true,
          notes: true,
          callSessions: {
            where: { id: { not: context.callSessionId } },
            orderBy: { startedAt: "desc" },
            take: RECENT,
            select: { startedAt: true, direction: true, status: true, handoffReason: true },
          },
          appointments: {
            where: { status: "booked" },
            orderBy: [{ date: "desc" }, { time: "desc" }],
            take: RECENT,
            select: { date: true, time: true, name: true },
          },
        },
      });
      if (!customer)
        return { found: false, phoneNumber, message: "この電話番号のお客様は登録されていません。" };
      return {
        found: true,
        phoneNumber,
        name: customer.name,
        notes: customer.notes,
        recentCalls: customer.callSessions.map((c) => ({
          startedAt: c.startedAt.toISOString(),
          direction: c.direction,
          status: c.status,
          ...(c.handoffReason ? { handoffReason: c.handoffReason } : {}),
        })),
        appointments: customer.appointments.map((a) => ({
          date: a.date.toISOString().slice(0, 10),
          time: a.time,
          name: a.name,
        })),
      };
    },
  };
}
