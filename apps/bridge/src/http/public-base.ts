import type { BridgeContext } from "../context.ts";

/** The origin Twilio reaches this bridge at: signatures and the URLs in TwiML are built on it. */
export function publicBase(ctx: BridgeContext): string {
  return ctx.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${ctx.env.BRIDGE_PORT}`;
}
