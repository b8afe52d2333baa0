import type { twilioMediaMessageSchema } from "@koe/shared";
import type { z } from "zod";
import { readFlatJson } from "../net/flat-json.ts";

export type TwilioMediaMessage = z.output<typeof twilioMediaMessageSchema>;

/** The schema's own pattern for Twilio's numeric strings. */
const DIGITS = /^\d+$/;

/**
 * The fast path for Twilio's `media` frames, nearly all of a stream's traffic: a frame written as
 * Twilio writes it (compact JSON, no escapes) is read and shape-checked here field by field, as
 * `twilioMediaMessageSchema` checks it, without JSON.parse or zod. Null for anything else — another
 * event, an unusual encoding, a field the schema would refuse — which then takes the general path
 * (JSON.parse and the zod schema), so a malformed frame is rejected exactly as before.
 */
export function readMediaFrame(text: string): TwilioMediaMessage | null {
  const json = readFlatJson(text);
  if (json === null || json.event !== "media") return null;
  const { sequenceNumber, streamSid, media } = json;
  if (typeof sequenceNumber !== "string" || !DIGITS.test(sequenceNumber)) return null;
  if (typeof streamSid !== "string" || typeof media !== "object") return null;
  const { track, chunk, timestamp, payload } = media;
  if (track !== "inbound" && track !== "outbound") return null;
  if (typeof chunk !== "string" || !DIGITS.test(chunk)) return null;
  if (typeof timestamp !== "string" || !DIGITS.test(timestamp)) return null;
  if (typeof payload !== "string") return null;
  return { event: "media", sequenceNumber, streamSid, media: { track, chunk, timestamp, payload } };
}
