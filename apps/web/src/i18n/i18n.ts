import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE } from "./languages.ts";
import { en } from "./locales/en/index.ts";
import { ja } from "./locales/ja/index.ts";

/**
 * The SPA's i18next instance, in Japanese until `followStoredLanguage` (in the browser) or a test
 * says otherwise. The resources are bundled, so it is ready as soon as this module is loaded.
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { ja, en },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  ns: Object.keys(ja),
  defaultNS: "common",
  // React escapes what it renders; escaping here too would show &amp; and the like.
  interpolation: { escapeValue: false },
  initAsync: false,
});
