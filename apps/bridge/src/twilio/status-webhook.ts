import { type CallEndReason, type CallStatus, LIVE_CALL_STATUSES } from "@koe/db";
import type { TwilioStatusParams } from "@koe/shared";
import type { BridgeContext } from "../context.ts";

const FINAL: Record<string, { status: CallStatus; reason: CallEndReason }> = {
  completed: { status: "completed", reason: "caller_hung_up" },
  busy: { status: "busy", reason: "busy" },
  "no-answer": { status: "no_answer", reason: "no_answer" },
  failed: { status: "failed", reason: "failed" },
  canceled: { status: "canceled", reason: "canceled" },
};

/**
 * Twilio's status callback. A final status ends the live call if this process has it and
 * finalizes the row; repeated or late callbacks change nothing already final except the duration
 * Twilio measured.
 */
export async function handleStatusCallback(ctx: BridgeContext, params: TwilioStatusParams): Promise<void> {
  const final = FINAL[params.CallStatus];
  if (!final) {
    if (params.CallStatus === "ringing" || params.CallStatus === "in-progress") {
      await ctx.prisma.callSession.updateMany({
        where: { callSid: params.CallSid, status: { in: ["initiated", "ringing"] } },
        data: { status: params.CallStatus === "ringing" ? "ringing" : "active" },
      });
    }
    return;
  }
  const live = ctx.calls.get(params.CallSid);
  // A call this process still runs finalizes its row and logs its end itself.
  live?.end(final.reason);
  const { count } = live
    ? { count: 0 }
    : await ctx.prisma.callSession.updateMany({
        where: { callSid: params.CallSid, status: { in: [...LIVE_CALL_STATUSES] } },
        data: { status: final.status, endReason: final.reason, endedAt: new Date() },
      });
  if (count > 0) {
    // The event log is what live monitors follow: a call Twilio ended must show there too.
    const call = await ctx.prisma.callSession.findUnique({
      where: { callSid: params.CallSid },
      select: { id: true, companyId: true },
    });
    if (call) ctx.journal.event(call, "status", { status: final.status, detail: "twilio status callback" });
  }
  if (params.CallDuration !== undefined) {
    await ctx.prisma.callSession.updateMany({
      where: { callSid: params.CallSid },
      data: { durationSeconds: params.CallDuration },
    });
  }
}
