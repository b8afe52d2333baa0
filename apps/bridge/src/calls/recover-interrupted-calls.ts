import { hostname } from "node:os";
import { type PrismaClient, processExists } from "@koe/db";

/**
 * Marks calls a crashed bridge left behind as interrupted: those this instance owned before it
 * restarted, and those of processes on this machine that no longer exist. Calls of live processes
 * and of other machines are theirs to finish. Returns how many were marked.
 */
export async function recoverInterruptedCalls(prisma: PrismaClient, instance: string): Promise<number> {
  const live = await prisma.callSession.findMany({
    where: {
      status: { in: ["initiated", "ringing", "active"] },
      engine: "realtime",
      bridgeInstance: { not: null },
    },
    select: { id: true, bridgeInstance: true },
  });
  const host = `${hostname().replace(/[^a-zA-Z0-9_-]/g, "-")}-`;
  const stale = live.filter(({ bridgeInstance }) => {
    if (bridgeInstance === instance) return true;
    if (!bridgeInstance?.startsWith(host)) return false;
    const pid = Number(bridgeInstance.slice(host.length));
    return Number.isInteger(pid) && pid > 0 && !processExists(pid);
  });
  if (stale.length === 0) return 0;
  const { count } = await prisma.callSession.updateMany({
    where: { id: { in: stale.map((c) => c.id) }, status: { in: ["initiated", "ringing", "active"] } },
    data: { status: "interrupted", endReason: "bridge_restarted", endedAt: new Date() },
  });
  return count;
}
