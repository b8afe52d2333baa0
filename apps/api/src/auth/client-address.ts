import type { IncomingMessage } from "node:http";

/**
 * Makes X-Forwarded-For name the client for better-auth's per-address login limit. Without
 * trusted proxies the header a client sends is replaced by the socket's address (it could be
 * forged to dodge the limit); behind trusted proxies the socket's address is appended, and
 * better-auth walks the chain from the right past the proxies it trusts.
 */
export function setClientAddress(req: IncomingMessage, trustedProxies: readonly string[]): void {
  const socketAddress = req.socket.remoteAddress ?? "";
  const forwarded = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] =
    trustedProxies.length > 0 && forwarded ? `${forwarded}, ${socketAddress}` : socketAddress;
}
