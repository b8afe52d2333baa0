/** The byte order mark that makes Excel (in Japan too) read a CSV file as UTF-8. */
export const UTF8_BOM = "\uFEFF";

/**
 * One CSV record (RFC 4180, CRLF as Excel writes them). Fields with a comma, quote or line break
 * are quoted. A cell that Excel would run as a formula (=, +, -, @ first) is defused with a
 * leading apostrophe, except a plain E.164 phone number, which Excel only reads as a number.
 */
export function csvRecord(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^\+\d{6,15}$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
