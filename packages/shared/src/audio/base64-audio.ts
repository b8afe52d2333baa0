import { z } from "zod";

/** Base64's alphabet, padding included: none of it is a character JSON escapes or UTF-8 encodes in more than one byte. */
const BASE64_TEXT = /^[A-Za-z0-9+/=]*$/;

/**
 * Audio as Twilio and the OpenAI Realtime API carry it: base64 text. The brand says a string was
 * checked, so the bridge can copy it into a frame byte for byte, with no escaping or encoding.
 */
export const base64AudioSchema = z.string().regex(BASE64_TEXT, "audio is not base64").brand<"Base64Audio">();
export type Base64Audio = z.output<typeof base64AudioSchema>;

/** The schema's check, for the bridge's fast paths that read frames without zod. */
export function isBase64Audio(text: string): text is Base64Audio {
  return BASE64_TEXT.test(text);
}
