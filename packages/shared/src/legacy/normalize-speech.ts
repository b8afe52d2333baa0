/**
 * A caller's words or a template's keyword as the legacy engine compares them: full-width and
 * half-width forms folded (NFKC), case, spaces and punctuation ignored, so speech results and
 * templates written differently still meet.
 */
export function normalizeSpeech(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
}
