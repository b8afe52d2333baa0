import { z } from "zod";
import type { KeywordTemplate } from "./conversation-settings.ts";
import { normalizeSpeech } from "./normalize-speech.ts";

/** What is wrong with one word (keyword or synonym) of a template, carried as the issue's params. */
export const templateWordProblemSchema = z.discriminatedUnion("problem", [
  /**
   * The word, as the engine compares words, already belongs to an earlier template: on a tie the
   * engine answers with the template written first, so this one would never answer to it.
   */
  z.object({ problem: z.literal("duplicate"), word: z.string(), earlierTemplate: z.number().int() }),
  /** Only spaces, punctuation or symbols: the engine ignores those, so the word can never match. */
  z.object({ problem: z.literal("unmatchable"), word: z.string() }),
]);
export type TemplateWordProblem = z.infer<typeof templateWordProblemSchema>;

export type TemplateWordIssue = {
  /** Where the word is: `[template index, "keyword"]` or `[template index, "synonyms"]`. */
  path: [number, "keyword" | "synonyms"];
  problem: TemplateWordProblem;
};

/** The words of `templates` the legacy engine could not tell apart or could never match. */
export function templateWordIssues(templates: readonly KeywordTemplate[]): TemplateWordIssue[] {
  const owners = new Map<string, number>();
  const issues: TemplateWordIssue[] = [];
  templates.forEach((template, index) => {
    const words = [
      { word: template.keyword, field: "keyword" as const },
      ...template.synonyms.map((word) => ({ word, field: "synonyms" as const })),
    ];
    for (const { word, field } of words) {
      // An empty word is the length check's to report.
      if (word.length === 0) continue;
      const normalized = normalizeSpeech(word);
      const owner = owners.get(normalized);
      if (normalized.length === 0) {
        issues.push({ path: [index, field], problem: { problem: "unmatchable", word } });
      } else if (owner === undefined) {
        owners.set(normalized, index);
      } else if (owner !== index) {
        issues.push({
          path: [index, field],
          problem: { problem: "duplicate", word, earlierTemplate: owner },
        });
      }
    }
  });
  return issues;
}
