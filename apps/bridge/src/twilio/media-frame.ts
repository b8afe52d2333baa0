import type { twilioMediaMessageSchema } from "@koe/shared";
import type { z } from "zod";

export type TwilioMediaMessage = z.output<typeof twilioMediaMessageSchema>;

/** The schema's own pattern for Twilio's numeric strings. */
const DIGITS = /^\d+$/;

/** What zod takes for an object; JSON.parse makes no other kinds of objects. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The fast path for Twilio's `media` frames, nearly all of a stream's traffic: a parsed frame is
 * shape-checked here field by field, exactly as `twilioMediaMessageSchema` checks it, without
 * zod's generic walk. Null for anything else — another event, or a field the schema would refuse —
 * which then takes the general path (the zod schema), so a malformed frame is rejected, with its
 * issue, exactly as before.
 */
export function readMediaFrame(json: unknown): TwilioMediaMessage | null {
  if (!isObject(json) || json.event !== "media") return null;
  const { sequenceNumber, streamSid, media } = json;
  if (typeof sequenceNumber !== "string" || !DIGITS.test(sequenceNumber)) return null;
  if (typeof streamSid !== "string" || !isObject(media)) return null;
  const { track, chunk, timestamp, payload } = media;
  if (track !== "inbound" && track !== "outbound") return null;
  if (typeof chunk !== "string" || !DIGITS.test(chunk)) return null;
  if (typeof timestamp !== "string" || !DIGITS.test(timestamp)) return null;
  if (typeof payload !== "string") return null;
  return { event: "media", sequenceNumber, streamSid, media: { track, chunk, timestamp, payload } };
}
