import { isRealtimeModel } from "@koe/shared";
import type { RealtimeCall } from "../calls/realtime-call.ts";
import { startRealtimeCall } from "../calls/start-realtime-call.ts";
import type { BridgeContext } from "../context.ts";

/** The stream reached a process that did not pre-warm the call (that one is gone): open a fresh session here. */
export async function adoptCall(ctx: BridgeContext, callSid: string): Promise<RealtimeCall | null> {
  const row = await ctx.prisma.callSession.findUnique({
    where: { callSid },
    select: {
      id: true,
      companyId: true,
      engine: true,
      model: true,
      endedAt: true,
      isTest: true,
      direction: true,
      fromNumber: true,
      toNumber: true,
      company: { select: { name: true, operatorPhoneNumber: true, operatorConferenceName: true } },
      customer: { select: { name: true } },
      agent: { select: { id: true, name: true, realtimeSettings: true } },
      agentVersion: { select: { realtimeSettings: true } },
    },
  });
  if (!row?.agent || row.engine !== "realtime" || row.endedAt) return null;
  ctx.logger.info({ callSid }, "no pre-warmed session in this process; opening a fresh one");
  return startRealtimeCall(ctx, {
    call: {
      id: row.id,
      callSid,
      companyId: row.companyId,
      agentId: row.agent.id,
      customerNumber: row.direction === "outbound" ? row.toNumber : row.fromNumber,
      isTest: row.isTest,
    },
    // The settings of the version the call started with, not those saved since.
    agent: {
      ...row.agent,
      realtimeSettings: row.agentVersion?.realtimeSettings ?? row.agent.realtimeSettings,
    },
    ...(isRealtimeModel(row.model) ? { model: row.model } : {}),
    companyName: row.company.name,
    customerName: row.customer?.name ?? null,
    operator: {
      phoneNumber: row.company.operatorPhoneNumber,
      conferenceName: row.company.operatorConferenceName,
    },
  });
}
