import type { i18n as I18n } from "i18next";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./languages.ts";

const STORAGE_KEY = "koe.language";

/**
 * The language chosen on this browser, Japanese when none was chosen: the product is for Japanese
 * businesses, so the browser's own language is deliberately not consulted.
 */
export function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be blocked (privacy settings); the default still works.
    return DEFAULT_LANGUAGE;
  }
}

/** Switches to `language` and remembers it for the next visit. */
export function chooseLanguage(i18n: I18n, language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // The choice then lasts until the page is reloaded.
  }
  void i18n.changeLanguage(language);
}

/** Starts `i18n` in the stored language and keeps `<html lang>` and the tab's title in step with it. */
export function followStoredLanguage(i18n: I18n): void {
  i18n.on("languageChanged", (language) => {
    document.documentElement.lang = language;
    document.title = i18n.t("common:documentTitle");
  });
  void i18n.changeLanguage(storedLanguage());
}
