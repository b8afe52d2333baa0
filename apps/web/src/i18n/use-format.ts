import { useTranslation } from "react-i18next";
import { type Formatters, formattersFor } from "../lib/format.ts";
import { intlLocale } from "./languages.ts";

/** Dates and numbers in the chosen language's locale; the component re-renders when it changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(intlLocale(i18n.resolvedLanguage));
}
