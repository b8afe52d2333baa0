import type { z } from "zod";

/**
 * Japanese messages for a schema's issues, keyed by the field's path as Mantine's form expects
 * ("speed", "turnDetection.threshold"). `labels` names the fields in the sentences.
 */
export function japaneseIssues(error: z.ZodError, labels: Record<string, string>): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    if (!(path in messages)) messages[path] = japaneseIssue(issue, labels[path] ?? "この項目");
  }
  return messages;
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
    default:
      return `${label}の値を確認してください`;
  }
}
