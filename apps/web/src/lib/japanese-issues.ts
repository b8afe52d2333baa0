import { type TemplateWordProblem, templateWordProblemSchema } from "@koe/shared";
import type { z } from "zod";

/**
 * Japanese messages for a schema's issues, keyed by the field's path as Mantine's form expects
 * ("speed", "turnDetection.threshold", "keywordTemplates.2.keyword"). `labels` names the fields in
 * the sentences, a list's items with `*` for the index ("keywordTemplates.*.keyword").
 */
export function japaneseIssues(error: z.ZodError, labels: Record<string, string>): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = fieldPath(issue.path);
    const label = labels[path.replace(/\.\d+(?=\.|$)/g, ".*")] ?? "この項目";
    if (!(path in messages)) messages[path] = japaneseIssue(issue, label);
  }
  return messages;
}

/** The input an issue is shown on: one entry of a list without inputs of its own (a tag) is its list's. */
function fieldPath(path: readonly PropertyKey[]): string {
  const segments = path.map(String);
  while (segments.length > 0 && /^\d+$/.test(segments.at(-1) ?? "")) segments.pop();
  return segments.join(".");
}

function japaneseIssue(issue: z.core.$ZodIssue, label: string): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1
          ? `${label}を入力してください`
          : `${label}は${issue.minimum}文字以上で入力してください`;
      }
      return `${label}は${issue.minimum}以上にしてください`;
    case "too_big":
      if (issue.origin === "string") {
        return `${label}は${Number(issue.maximum).toLocaleString("ja-JP")}文字以内で入力してください`;
      }
      if (issue.origin === "array") return `${label}は${issue.maximum}件までです`;
      return `${label}は${issue.maximum}以下にしてください`;
    case "invalid_type":
      return `${label}の形式が正しくありません`;
    case "invalid_value":
      return `${label}は一覧から選択してください`;
    case "custom": {
      const word = templateWordProblemSchema.safeParse(issue.params);
      return word.success ? templateWordMessage(word.data, label) : `${label}の値を確認してください`;
    }
    default:
      return `${label}の値を確認してください`;
  }
}

function templateWordMessage(word: TemplateWordProblem, label: string): string {
  return word.problem === "duplicate"
    ? `「${word.word}」は${word.earlierTemplate + 1}件目のテンプレートと重複しています`
    : `${label}には文字か数字を含めてください(記号や空白だけでは反応しません)`;
}
