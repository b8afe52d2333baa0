/** The languages of the SPA: Japanese is the source and the default, English a translation. */
export const LANGUAGES = ["ja", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = "ja";

/** Each language's name in itself, as the switch shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { ja: "日本語", en: "English" };

const INTL_LOCALES: Record<Language, string> = { ja: "ja-JP", en: "en-US" };

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** The Intl locale that formats dates and numbers in `language` (i18next's resolved language). */
export function intlLocale(language: string | undefined): string {
  return INTL_LOCALES[isLanguage(language) ? language : DEFAULT_LANGUAGE];
}
