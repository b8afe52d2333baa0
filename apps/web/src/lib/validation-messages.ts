import type { TFunction } from "i18next";
import type { z } from "zod";
import { i18n } from "../i18n/i18n.ts";
import { intlLocale } from "../i18n/languages.ts";

type Bound = number | bigint;

/**
 * Messages for a schema's issues, keyed by the field's path as Mantine's form expects ("speed",
 * "turnDetection.threshold"). `labels` names the fields in the sentences. Forms call this as they
 * validate, so the messages are in the language chosen at that moment unless `language` is given.
 */
export function validationMessages(
  error: z.ZodError,
  labels: Record<string, string>,
  language = i18n.resolvedLanguage,
): Record<string, string> {
  const t = i18n.getFixedT(language ?? null, "validation");
  const numbers = new Intl.NumberFormat(intlLocale(language));
  const messages: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    if (path in messages) continue;
    messages[path] = issueMessage(issue, labels[path] ?? t("thisField"), t, (bound) => numbers.format(bound));
  }
  return messages;
}

function issueMessage(
  issue: z.core.$ZodIssue,
  field: string,
  t: TFunction<"validation">,
  format: (bound: Bound) => string,
): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin !== "string") return t("min", { field, min: format(issue.minimum) });
      return Number(issue.minimum) <= 1
        ? t("required", { field })
        : t("minLength", { field, min: format(issue.minimum) });
    case "too_big":
      if (issue.origin === "string") return t("maxLength", { field, max: format(issue.maximum) });
      if (issue.origin === "array") return t("maxItems", { field, max: format(issue.maximum) });
      return t("max", { field, max: format(issue.maximum) });
    case "invalid_type":
      return t("invalidType", { field });
    case "invalid_value":
      return t("invalidValue", { field });
    default:
      return t("other", { field });
  }
}
