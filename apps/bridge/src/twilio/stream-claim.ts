import { LIVE_CALL_STATUSES } from "@koe/db";
import type { BridgeContext } from "../context.ts";

/**
 * Binds a media stream to its call, once: the first valid `start` sets the call's `streamSid` in one
 * conditional UPDATE, which only a live call without a stream passes, so a token replayed on another
 * connection, in this process or any other, is refused, and a finished call is never set back to
 * active. `local` is this process's own record of bound calls: it decides alone while the database
 * cannot be reached, for a call pre-warmed here (a call to adopt needs the database anyway).
 */
export async function claimStream(
  ctx: BridgeContext,
  local: Set<string>,
  callSid: string,
  streamSid: string,
): Promise<boolean> {
  if (local.has(callSid)) return false;
  local.add(callSid);
  try {
    const { count } = await ctx.prisma.callSession.updateMany({
      where: { callSid, streamSid: null, status: { in: [...LIVE_CALL_STATUSES] } },
      // The process that streams the call owns it from now on (for its lease and crash recovery).
      data: { streamSid, bridgeInstance: ctx.env.BRIDGE_INSTANCE },
    });
    if (count === 1) return true;
  } catch (error) {
    if (ctx.calls.get(callSid)) {
      ctx.logger.warn(
        { err: error, callSid },
        "could not record the stream's claim; bound in this process only",
      );
      return true;
    }
  }
  local.delete(callSid);
  return false;
}
