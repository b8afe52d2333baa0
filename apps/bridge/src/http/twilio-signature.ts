import type { IncomingMessage } from "node:http";
import twilio from "twilio";

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
  return twilio.validateRequest(authToken, signature, publicUrl, params);
}

/** Reads an `application/x-www-form-urlencoded` body (Twilio's webhooks), at most 64 KiB. */
export async function readFormBody(req: IncomingMessage): Promise<Record<string, string>> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 65_536) throw new Error("form body too large");
  }
  return Object.fromEntries(new URLSearchParams(body));
}
