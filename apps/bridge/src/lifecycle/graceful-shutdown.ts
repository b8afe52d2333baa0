import type { Server } from "node:http";
import type { BridgeContext } from "../context.ts";

/** How long the event log may take to reach the database once every call has ended. */
const JOURNAL_DRAIN_MS = 5_000;

/**
 * Stops taking new calls (new connections are refused, webhooks and the health check answer 503 so
 * Twilio and the load balancer go elsewhere), lets live calls finish until the grace period is
 * over, ends the rest as interrupted by a restart, and writes out the event log. Returns how many
 * calls had to be cut.
 */
export async function shutDownGracefully(
  server: Server,
  ctx: BridgeContext,
  graceMs: number,
): Promise<number> {
  ctx.calls.stopAccepting();
  ctx.logger.info({ liveCalls: ctx.calls.size, graceMs }, "draining: no new calls");
  server.close();
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    ctx.calls.whenEmpty(),
    new Promise((resolve) => {
      timer = setTimeout(resolve, graceMs);
    }),
  ]);
  clearTimeout(timer);
  const cut = ctx.calls.all();
  for (const call of cut) call.end("bridge_restarted");
  if (cut.length > 0) ctx.logger.warn({ calls: cut.length }, "ended calls still live at the deadline");
  await ctx.journal.drain(JOURNAL_DRAIN_MS);
  server.closeAllConnections();
  return cut.length;
}
