/** What JSON.stringify escapes in a string: quote, backslash, control characters, lone surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(text)` for a string, without its scan-and-copy when nothing needs escaping:
 * base64 audio and the ids Koe writes never do. Frames on the hot path are written with templates
 * around it.
 */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
