import type { IncomingMessage } from "node:http";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a state-changing request comes from a page Koe does not trust (a CSRF attempt): its
 * `Origin` is present and not one of `trusted`, or the browser says it is cross-site. Browsers
 * send Origin on every cross-origin POST, so a request without either header is not a browser's
 * cross-site request (curl, a server); the session cookie's SameSite=Lax is the second guard.
 */
export function isForeignMutation(req: IncomingMessage, trusted: ReadonlySet<string>): boolean {
  if (SAFE_METHODS.has(req.method ?? "GET")) return false;
  const origin = req.headers.origin;
  if (origin !== undefined) return !trusted.has(origin);
  return req.headers["sec-fetch-site"] === "cross-site";
}
