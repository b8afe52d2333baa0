import twilio from "twilio";
import type { PlaceCallOptions } from "./call-result.ts";

/** POSTs as Twilio does: signed over the public URL, delivered to where the bridge really listens. */
export async function signedPost(options: PlaceCallOptions, publicUrl: URL, params: Record<string, string>) {
  const signature = twilio.getExpectedTwilioSignature(options.authToken, publicUrl.toString(), params);
  const res = await fetch(`${options.bridgeUrl}${publicUrl.pathname}${publicUrl.search}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: await res.text() };
}
