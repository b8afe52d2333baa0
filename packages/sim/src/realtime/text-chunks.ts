/** Splits text into `parts` pieces of nearly equal length, by characters (never inside a surrogate pair). */
export function chunkText(text: string, parts: number): string[] {
  const chars = [...text];
  const n = Math.max(1, parts);
  return Array.from({ length: n }, (_, i) =>
    chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(""),
  ).filter((piece, i) => piece.length > 0 || i === 0);
}
