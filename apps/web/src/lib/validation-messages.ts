import { promptProblemSchema, type TemplateWordProblem, templateWordProblemSchema } from "@koe/shared";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { i18n } from "../i18n/i18n.ts";
import { intlLocale } from "../i18n/languages.ts";

type Bound = number | bigint;
type ValidationT = TFunction<"validation">;

/**
 * Messages for a schema's issues, keyed by the field's path as Mantine's form expects ("speed",
 * "turnDetection.threshold", "keywordTemplates.2.keyword"). `labels` names the fields in the
 * sentences, a list's items with `*` for the index ("keywordTemplates.*.keyword"). Forms call this
 * as they validate, so the messages are in the language chosen at that moment unless `language`
 * is given.
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
    const path = fieldPath(issue.path);
    if (path in messages) continue;
    const label = labels[path.replace(/\.\d+(?=\.|$)/g, ".*")] ?? t("thisField");
    messages[path] = issueMessage(issue, label, t, (bound) => numbers.format(bound));
  }
  return messages;
}

/** The input an issue is shown on: one entry of a list without inputs of its own (a tag) is its list's. */
function fieldPath(path: readonly PropertyKey[]): string {
  const segments = path.map(String);
  while (segments.length > 0 && /^\d+$/.test(segments.at(-1) ?? "")) segments.pop();
  return segments.join(".");
}

function issueMessage(
  issue: z.core.$ZodIssue,
  field: string,
  t: ValidationT,
  format: (bound: Bound) => string,
) {
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
    case "custom": {
      const word = templateWordProblemSchema.safeParse(issue.params);
      if (word.success) return templateWordMessage(word.data, field, t);
      const prompt = promptProblemSchema.safeParse(issue.params);
      if (!prompt.success) return t("other", { field });
      return prompt.data.problem === "emptyWhileEnabled"
        ? t("emptyPromptWhileEnabled")
        : t("unknownVariables", { names: prompt.data.names.map((name) => `{{${name}}}`).join(" ") });
    }
    default:
      return t("other", { field });
  }
}

function templateWordMessage(word: TemplateWordProblem, field: string, t: ValidationT): string {
  return word.problem === "duplicate"
    ? t("duplicateWord", { word: word.word, template: word.earlierTemplate + 1 })
    : t("unmatchableWord", { field });
}
