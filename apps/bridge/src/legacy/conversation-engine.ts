import type { ConversationSettings, KeywordTemplate } from "@koe/shared";
import { findWord, matchKeyword } from "./keyword-match.ts";

/** An agent's legacy configuration, validated. */
export type LegacyAgent = { settings: ConversationSettings; templates: KeywordTemplate[] };

/** What the engine does after the caller's turn: keep listening, hand over, or end the call. */
export type LegacyReply =
  | { next: "listen"; say: string; misses: number }
  | { next: "transfer"; say: string; reason: string; by: "ai" | "fallback" }
  | { next: "end"; say: string[] };

/** Asked for a person in so many words: honoured even when no template says so. */
const OPERATOR_WORDS = ["担当者", "オペレーター", "人と話", "人間と話", "スタッフと話", "係の人"];
/** The caller says they are done. */
const GOODBYE_WORDS = ["以上です", "それだけです", "失礼します", "さようなら"];

/**
 * The ConversationEngine's one decision per turn: the caller's words (empty when Twilio heard
 * nothing) and how many turns in a row were not understood → the reply. Pure, so every rule is
 * testable without Twilio; the call's state is just `misses`, carried in the Gather action URL.
 */
export function nextReply(agent: LegacyAgent, misses: number, utterance: string): LegacyReply {
  const { settings, templates } = agent;
  const template = matchKeyword(templates, utterance);
  if (template?.action === "transfer")
    return { next: "transfer", say: template.response, reason: `keyword: ${template.keyword}`, by: "ai" };
  if (template?.action === "end_call")
    return { next: "end", say: [template.response, settings.closingMessage] };
  if (template) return { next: "listen", say: template.response, misses: 0 };

  const operatorWord = findWord(utterance, OPERATOR_WORDS);
  if (operatorWord)
    return {
      next: "transfer",
      say: settings.transferMessage,
      reason: `caller asked: ${operatorWord}`,
      by: "ai",
    };
  if (findWord(utterance, GOODBYE_WORDS)) return { next: "end", say: [settings.closingMessage] };

  if (misses + 1 >= settings.maxMisunderstandings)
    return {
      next: "transfer",
      say: settings.transferMessage,
      reason: `not understood ${misses + 1} times in a row`,
      by: "fallback",
    };
  return { next: "listen", say: settings.fallbackMessage, misses: misses + 1 };
}
