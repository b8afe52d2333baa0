import { type KeywordTemplate, normalizeSpeech } from "@koe/shared";

/** The first word of `words` the utterance contains, longest first; null when none does. */
export function findWord(utterance: string, words: readonly string[]): string | null {
  const spoken = normalizeSpeech(utterance);
  if (!spoken) return null;
  const hits = words.filter((word) => {
    const normalized = normalizeSpeech(word);
    return normalized.length > 0 && spoken.includes(normalized);
  });
  return hits.sort((a, b) => normalizeSpeech(b).length - normalizeSpeech(a).length)[0] ?? null;
}

/**
 * The template whose keyword or synonym the caller said. When several match, the longest word
 * wins (「予約キャンセル」 is more specific than 「予約」); on a tie, the template written first.
 */
export function matchKeyword(
  templates: readonly KeywordTemplate[],
  utterance: string,
): KeywordTemplate | null {
  let best: { template: KeywordTemplate; length: number } | null = null;
  for (const template of templates) {
    const word = findWord(utterance, [template.keyword, ...template.synonyms]);
    const length = word ? normalizeSpeech(word).length : 0;
    if (word && (!best || length > best.length)) best = { template, length };
  }
  return best?.template ?? null;
}
