import { z } from "zod";
import { templateWordIssues } from "./template-word-issues.ts";

/** Legacy ConversationEngine settings, stored as `Agent.conversationSettings`. */
export const conversationSettingsSchema = z.object({
  companyName: z.string().min(1).max(200),
  greeting: z.string().min(1).max(1000),
  tone: z.enum(["polite", "friendly", "formal"]).default("polite"),
  fallbackMessage: z.string().min(1).max(1000),
  transferMessage: z.string().min(1).max(1000),
  closingMessage: z.string().min(1).max(1000),
  /** Misunderstood turns in a row before the caller is sent to an operator. */
  maxMisunderstandings: z.number().int().min(1).max(10).default(2),
});
export type ConversationSettings = z.infer<typeof conversationSettingsSchema>;

/** How many templates an agent may have, and synonyms a template. */
export const KEYWORD_TEMPLATE_LIMITS = { templates: 200, synonyms: 20 } as const;

/** Legacy keyword templates, stored as `Agent.keywordTemplates`. */
export const keywordTemplateSchema = z.object({
  keyword: z.string().min(1).max(100),
  synonyms: z.array(z.string().min(1).max(100)).max(KEYWORD_TEMPLATE_LIMITS.synonyms).default([]),
  response: z.string().min(1).max(1000),
  action: z.enum(["none", "transfer", "end_call"]).default("none"),
});
export const keywordTemplatesSchema = z.array(keywordTemplateSchema).max(KEYWORD_TEMPLATE_LIMITS.templates);
export type KeywordTemplate = z.infer<typeof keywordTemplateSchema>;

/**
 * Templates as they may be saved: every word can match, and no word belongs to two templates.
 * Templates stored before this rule are still read with `keywordTemplatesSchema`, so they keep
 * answering calls (on a tie the engine takes the template written first).
 */
export const unambiguousKeywordTemplatesSchema = keywordTemplatesSchema.superRefine((templates, ctx) => {
  for (const { path, problem } of templateWordIssues(templates)) {
    ctx.addIssue({
      code: "custom",
      path,
      params: problem,
      message:
        problem.problem === "duplicate"
          ? `"${problem.word}" is already a word of template ${problem.earlierTemplate + 1}`
          : `"${problem.word}" has no letters or digits, so it can never match`,
    });
  }
});
