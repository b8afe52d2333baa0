import type { IncomingMessage } from "node:http";
import { parseFormText, RejectedRequest, readTextBody } from "@koe/shared/request-body";

/** The largest request body the api reads (the biggest real one, a system prompt, is far below). */
export const API_BODY_LIMIT_BYTES = 1024 * 1024;

/** A request whose body has been read and checked, handed on as text (tRPC and better-auth take it). */
type ReadRequest = IncomingMessage & { body?: string };

/**
 * Checks what a request carries before anything else reads it, authentication included: its query
 * (percent-encoding, NUL) and, for methods with a body, the body (size, UTF-8, NUL). Throws a
 * RejectedRequest (400/413); on success the body is on `req.body` for the handlers.
 */
export async function checkRequestInput(req: IncomingMessage, bodyLimitBytes: number): Promise<void> {
  const query = (req.url ?? "").split("?")[1];
  if (query) parseFormText(query);
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
  const body = await readTextBody(req, bodyLimitBytes);
  if ((req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
    parseFormText(body);
  // Empty is "no body": better-auth would try to parse "" as JSON; tRPC reads undefined as none.
  (req as ReadRequest).body = body === "" ? undefined : body;
}

export { RejectedRequest };
