/** What `readFlatJson` reads: strings with no escapes, integers, and one level of objects of those. */
export type FlatValue = string | number;
export type FlatObject = { [key: string]: FlatValue | { [key: string]: FlatValue } };

/** An escape or a control character anywhere: the text is left to JSON.parse. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const NOT_PLAIN = /[\\\u0000-\u001f]/;
const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const SPACE = 0x20;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Reads the compact JSON the media frames on the hot path are written in (a Twilio `media`, an
 * OpenAI audio delta) without JSON.parse: an object whose values are strings, integers or objects
 * of those. Anything else — an escape, a control character, a float, true/false/null, an array,
 * deeper nesting, a repeated key, `__proto__` — gives null, and the caller takes the general path
 * (JSON.parse and the zod schema). What it returns is exactly what JSON.parse would.
 */
export function readFlatJson(text: string): FlatObject | null {
  if (NOT_PLAIN.test(text)) return null;
  const scanner = new Scanner(text);
  const value = scanner.object(true);
  return value !== null && scanner.atEnd() ? value : null;
}

class Scanner {
  private readonly text: string;
  private at = 0;

  constructor(text: string) {
    this.text = text;
  }

  atEnd(): boolean {
    this.skipSpaces();
    return this.at === this.text.length;
  }

  object(nested: boolean): FlatObject | null {
    this.skipSpaces();
    if (this.text.charCodeAt(this.at) !== OPEN) return null;
    this.at++;
    const result: FlatObject = {};
    this.skipSpaces();
    if (this.text.charCodeAt(this.at) === CLOSE) {
      this.at++;
      return result;
    }
    for (;;) {
      this.skipSpaces();
      const key = this.string();
      if (key === null || key === "__proto__" || Object.hasOwn(result, key)) return null;
      this.skipSpaces();
      if (this.text.charCodeAt(this.at) !== COLON) return null;
      this.at++;
      this.skipSpaces();
      const next = this.text.charCodeAt(this.at);
      const value =
        next === QUOTE
          ? this.string()
          : next === OPEN
            ? nested
              ? (this.object(false) as { [key: string]: FlatValue } | null)
              : null
            : this.integer();
      if (value === null) return null;
      result[key] = value;
      this.skipSpaces();
      const separator = this.text.charCodeAt(this.at++);
      if (separator === CLOSE) return result;
      if (separator !== COMMA) return null;
    }
  }

  /** A string: no escapes or control characters are left in the text (checked up front). */
  private string(): string | null {
    if (this.text.charCodeAt(this.at) !== QUOTE) return null;
    const end = this.text.indexOf('"', this.at + 1);
    if (end < 0) return null;
    const value = this.text.slice(this.at + 1, end);
    this.at = end + 1;
    return value;
  }

  /** -?(0|[1-9][0-9]*), and nothing of a fraction or exponent after it. */
  private integer(): number | null {
    const start = this.at;
    if (this.text.charCodeAt(this.at) === MINUS) this.at++;
    const first = this.text.charCodeAt(this.at);
    if (first < ZERO || first > NINE) return null;
    this.at++;
    if (first !== ZERO) while (isDigit(this.text.charCodeAt(this.at))) this.at++;
    const after = this.text.charCodeAt(this.at);
    if (after !== COMMA && after !== CLOSE && after !== SPACE) return null;
    return Number(this.text.slice(start, this.at));
  }

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.at) === SPACE) this.at++;
  }
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}
