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

/**
 * One `"key":"value"` part of a frame as Twilio writes it, its value captured or not: the values
 * admit only characters that JSON never escapes.
 */
function part(key: string, value: string, captured: boolean): string {
  return `"${key}":"${captured ? "(" : "(?:"}${value})"`;
}

const sequencePart = (captured: boolean) => part("sequenceNumber", String.raw`\d+`, captured);
const streamSidPart = (captured: boolean) => part("streamSid", "[A-Za-z0-9]*", captured);

/**
 * A media frame compactly written in Twilio's own key order, and in the one Koe's simulator and
 * load generator write. `all` captures every value, in the order written; else only the timestamp
 * and the payload are captured, for the caller's track alone.
 */
function mediaLayouts(all: boolean): [RegExp, RegExp] {
  const sequence = sequencePart(all);
  const sid = streamSidPart(all);
  const media = `"media":\\{${[
    part("track", all ? "inbound|outbound" : "inbound", all),
    part("chunk", String.raw`\d+`, all),
    part("timestamp", String.raw`\d+`, true),
    part("payload", "[A-Za-z0-9+/=]*", true),
  ].join(",")}\\}`;
  return [
    new RegExp(`^\\{"event":"media",${sequence},${media},${sid}\\}$`),
    new RegExp(`^\\{"event":"media",${sequence},${sid},${media}\\}$`),
  ];
}

const [MEDIA_FIRST, SID_FIRST] = mediaLayouts(true);
const LAYOUTS = [
  { pattern: MEDIA_FIRST, media: 2, sid: 6 },
  { pattern: SID_FIRST, media: 3, sid: 2 },
];
/** Each capture is a new string: a caller's frame is relayed for its timestamp and payload alone. */
const CALLER_AUDIO = mediaLayouts(false);

/** Where a caller's audio goes: the live call (`RealtimeCall.callerAudio`). */
export type CallerAudioSink = { callerAudio(payload: Base64Audio, timestampMs: number): void };

/** A mark echo in Twilio's key order (the simulator's and the load generator's too). */
const MARK = new RegExp(
  `^\\{"event":"mark",${sequencePart(true)},${streamSidPart(true)},"mark":\\{"name":"([A-Za-z0-9_.:-]*)"\\}\\}$`,
);

/**
 * The fast path before JSON.parse (a live stream's caller audio takes a faster one,
 * `forwardCallerAudio`): a `media` frame written compactly in one of the known key orders, read
 * with one regular expression. Its parts admit no character JSON would escape, so
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
 * The live stream's fast path, for nearly all of its frames: a caller-track `media` frame that
 * `readMediaText` would take, handed straight to `sink` with no message built for it. False for
 * any other frame (the outbound track too), which then goes the way of every frame.
 */
export function forwardCallerAudio(text: string, sink: CallerAudioSink): boolean {
  for (const pattern of CALLER_AUDIO) {
    const m = pattern.exec(text);
    if (!m) continue;
    // The pattern admits base64's alphabet only: what `isBase64Audio` checks.
    sink.callerAudio((m[2] ?? "") as Base64Audio, Number(m[1]));
    return true;
  }
  return false;
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
