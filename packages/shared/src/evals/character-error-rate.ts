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

/**
 * How many characters (after normalising) of the reference and of the transcript are compared.
 * The edit distance costs reference × transcript steps on the api's event loop, and a reference
 * may hold 20,000 characters; 4,000 (several minutes of speech) keeps one call's comparison at
 * 16 million steps at most, and the CER of a call's first minutes speaks for the rest. Both sides
 * are cut at the same length, so a transcript is never charged for what the cut reference lacks.
 */
export const CER_MAX_CHARS = 4_000;

/**
 * Edits needed to turn the transcript into the reference, and the reference's length, over the
 * first CER_MAX_CHARS characters of each.
 */
export function characterErrors(reference: string, hypothesis: string): { edits: number; length: number } {
  const ref = normalizeForCer(reference).slice(0, CER_MAX_CHARS);
  const heard = normalizeForCer(hypothesis).slice(0, CER_MAX_CHARS);
  return { edits: editDistance(ref, heard), length: ref.length };
}
