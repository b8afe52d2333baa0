import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { chooseLanguage } from "./browser-language.ts";
import { LANGUAGE_NAMES, LANGUAGES } from "./languages.ts";

/**
 * 日本語 / English, each named in itself so that either reader finds it. Buttons rather than a
 * SegmentedControl: the browser tests find the rollout steps as the page's first SegmentedControl.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button.Group aria-label={t("language")}>
      {LANGUAGES.map((language) => {
        const current = i18n.resolvedLanguage === language;
        return (
          <Button
            key={language}
            size="compact-xs"
            variant={current ? "filled" : "default"}
            aria-pressed={current}
            lang={language}
            onClick={() => chooseLanguage(i18n, language)}
          >
            {LANGUAGE_NAMES[language]}
          </Button>
        );
      })}
    </Button.Group>
  );
}
