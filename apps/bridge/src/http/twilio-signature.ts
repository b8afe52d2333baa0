import type { IncomingMessage } from "node:http";
import { parseFormText, readTextBody } from "@koe/shared/request-body";
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";

/**
 * Checks `X-Twilio-Signature` the way Twilio computes it: over the public URL Twilio called
 * (PUBLIC_BASE_URL + path and query, with `wss:` for media streams) and the POSTed parameters.
 */
export function hasValidTwilioSignature(
  req: IncomingMessage,
  authToken: string,
  publicUrl: string,
  params: Record<string, string> = {},
): boolean {
  const signature = req.headers["x-twilio-signature"];
  if (typeof signature !== "string" || signature.length === 0) return false;
  return validateRequest(authToken, signature, publicUrl, params);
}

/** The largest webhook body read; Twilio's are a few kilobytes. */
const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Reads an `application/x-www-form-urlencoded` body (Twilio's webhooks), before its signature is
 * checked: over 64 KiB, or with NUL characters or bad encoding, it is a RejectedRequest (413/400).
 */
export async function readFormBody(req: IncomingMessage): Promise<Record<string, string>> {
  return parseFormText(await readTextBody(req, WEBHOOK_BODY_LIMIT_BYTES));
}
