/**
 * Text as compared for the character error rate: Unicode-normalised (full-width and half-width
 * forms alike), without spaces or punctuation, which transcripts and references punctuate
 * differently without anyone mishearing anything.
 */
export function normalizeForCer(text: string): string[] {
  return [...text.normalize("NFKC").replace(/[\p{P}\p{Z}\s]/gu, "")];
}

/** Levenshtein distance between two character sequences (substitutions, insertions, deletions). */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Edits needed to turn the transcript into the reference, and the reference's length. */
export function characterErrors(reference: string, hypothesis: string): { edits: number; length: number } {
  const ref = normalizeForCer(reference);
  return { edits: editDistance(ref, normalizeForCer(hypothesis)), length: ref.length };
}
