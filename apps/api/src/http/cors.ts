import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * CORS for the origins listed in CORS_ORIGINS, and for no one else: the SPA is served from the
 * api's own origin and needs none. Returns true when it has answered a preflight itself.
 */
export function applyCors(allowed: ReadonlySet<string>, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (!origin || !allowed.has(origin)) return false;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-allow-credentials", "true");
  res.setHeader("vary", "origin");
  if (req.method !== "OPTIONS") return false;
  res.writeHead(204, {
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "content-type",
    "access-control-max-age": "600",
  });
  res.end();
  return true;
}
