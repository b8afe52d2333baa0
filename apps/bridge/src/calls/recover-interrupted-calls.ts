import { hostname } from "node:os";
import { LIVE_CALL_STATUSES, type PrismaClient, processExists } from "@koe/db";
import { reapLostCalls } from "../lifecycle/reap-lost-calls.ts";

/**
 * Ends, at start-up, the calls a crashed bridge left behind, with their `ended` events: those this
 * instance owned before it restarted, those of processes on this machine that no longer exist, and
 * those of any instance whose lease expired (see instance-lease.ts). Calls of live processes are
 * theirs to finish. Returns how many were ended.
 */
export async function recoverInterruptedCalls(prisma: PrismaClient, instance: string): Promise<number> {
  const live = await prisma.callSession.findMany({
    where: {
      status: { in: [...LIVE_CALL_STATUSES] },
      engine: "realtime",
      bridgeInstance: { not: null },
    },
    distinct: ["bridgeInstance"],
    select: { bridgeInstance: true },
  });
  const host = `${hostname().replace(/[^a-zA-Z0-9_-]/g, "-")}-`;
  // A local process that is gone needs no lease to expire before its calls are ended.
  const deadLocal = live.flatMap(({ bridgeInstance }) => {
    if (!bridgeInstance?.startsWith(host)) return [];
    const pid = Number(bridgeInstance.slice(host.length));
    return Number.isInteger(pid) && pid > 0 && !processExists(pid) ? [bridgeInstance] : [];
  });
  return (await reapLostCalls(prisma, [instance, ...deadLocal])).length;
}
