import {
  type Base64Audio,
  isBase64Audio,
  type twilioMarkMessageSchema,
  type twilioMediaMessageSchema,
} from "@koe/shared";
import type { z } from "zod";

// Fast paths for the frames Twilio sends most: fifty `media` frames a second per call, and the
// `mark` echoes (two a second while the agent speaks).

export type TwilioMediaMessage = z.output<typeof twilioMediaMessageSchema>;
export type TwilioMarkMessage = z.output<typeof twilioMarkMessageSchema>;

/** The schema's own pattern for Twilio's numeric strings. */
const DIGITS = /^\d+$/;

/** What zod takes for an object; JSON.parse makes no other kinds of objects. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The frame's parts as Twilio writes them: only characters that JSON never escapes. */
const SEQUENCE = String.raw`"sequenceNumber":"(\d+)"`;
const STREAM_SID = '"streamSid":"([A-Za-z0-9]*)"';
const MEDIA = String.raw`"media":\{"track":"(inbound|outbound)","chunk":"(\d+)","timestamp":"(\d+)","payload":"([A-Za-z0-9+/=]*)"\}`;
/** Twilio's own key order, and the one Koe's simulator and load generator write. */
const LAYOUTS = [
  { pattern: new RegExp(`^\\{"event":"media",${SEQUENCE},${MEDIA},${STREAM_SID}\\}$`), media: 2, sid: 6 },
  { pattern: new RegExp(`^\\{"event":"media",${SEQUENCE},${STREAM_SID},${MEDIA}\\}$`), media: 3, sid: 2 },
];

/** A mark echo in Twilio's key order (the simulator's and the load generator's too). */
const MARK = new RegExp(
  `^\\{"event":"mark",${SEQUENCE},${STREAM_SID},"mark":\\{"name":"([A-Za-z0-9_.:-]*)"\\}\\}$`,
);

/**
 * The fastest path, before JSON.parse: a `media` frame written compactly in one of the known key
 * orders, read with one regular expression. Its parts admit no character JSON would escape, so
 * what it reads is exactly what JSON.parse and the schema would make of the frame. Null for
 * anything else (whitespace, another order, an escape), which then goes the longer ways.
 */
export function readMediaText(text: string): TwilioMediaMessage | null {
  for (const { pattern, media, sid } of LAYOUTS) {
    const m = pattern.exec(text);
    if (!m) continue;
    return {
      event: "media",
      sequenceNumber: m[1] ?? "",
      streamSid: m[sid] ?? "",
      media: {
        track: m[media] === "inbound" ? "inbound" : "outbound",
        chunk: m[media + 1] ?? "",
        timestamp: m[media + 2] ?? "",
        // The pattern admits base64's alphabet only: what `isBase64Audio` checks.
        payload: (m[media + 3] ?? "") as Base64Audio,
      },
    };
  }
  return null;
}

/**
 * A `mark` echo written compactly in Twilio's key order, read with one regular expression: the
 * same guarantee as `readMediaText`. Its name admits only characters JSON never escapes (the
 * bridge's own marks are `a1`, `a2`, …); any other name goes the longer ways.
 */
export function readMarkText(text: string): TwilioMarkMessage | null {
  const m = MARK.exec(text);
  if (!m) return null;
  return { event: "mark", sequenceNumber: m[1] ?? "", streamSid: m[2] ?? "", mark: { name: m[3] ?? "" } };
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
  if (typeof payload !== "string" || !isBase64Audio(payload)) return null;
  return { event: "media", sequenceNumber, streamSid, media: { track, chunk, timestamp, payload } };
}
