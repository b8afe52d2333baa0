import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * A stored E.164 number as people write it: a Japanese number in its national format
 * (+819011112222 → 090-1111-2222), a foreign one in international format, anything unparsable as is.
 */
export function formatPhoneNumber(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === "JP" ? parsed.formatNational() : parsed.formatInternational();
}
