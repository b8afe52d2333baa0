import type { ConversationSettings, KeywordTemplate } from "./conversation-settings.ts";

export type LegacyConversation = { settings: ConversationSettings; templates: KeywordTemplate[] };

const TONE: Record<ConversationSettings["tone"], string> = {
  polite: "丁寧語と敬語で、落ち着いて丁寧に話してください。",
  friendly: "敬語は保ちつつ、明るく親しみやすい口調で話してください。",
  formal: "尊敬語と謙譲語を正しく使い、改まった格式のある口調で話してください。",
};

const ACTION: Record<KeywordTemplate["action"], string> = {
  none: "",
  transfer: "そのあと request_operator_handoff で担当者におつなぎしてください。",
  end_call: "ほかにご用件がなければ、終話のあいさつをして通話を終えてください。",
};

/** Template text on one line: a newline inside a quoted line would break the prompt's structure. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const quote = (text: string) => `「${oneLine(text)}」`;

function keywordRule(template: KeywordTemplate): string {
  const words = [template.keyword, ...template.synonyms].map(quote).join("、");
  const answer = `${quote(template.response)}という内容でお答えください。`;
  return `- お客様が${words}などについて話されたら、${answer}${ACTION[template.action]}`;
}

/**
 * Turns the legacy ConversationEngine's settings and keyword templates into a Japanese system
 * prompt for the Realtime API. Deterministic (same input, same text), so the 「既存設定から生成」
 * preview is stable; every template becomes one rule that keeps its keyword, synonyms, answer and
 * action, in the order the company wrote them.
 */
export function convertLegacy({ settings, templates }: LegacyConversation): { prompt: string } {
  const sections = [
    [
      `あなたは${settings.companyName}の電話受付担当です。`,
      TONE[settings.tone],
      "一度に話すのは短く、一つか二つの文にしてください。",
    ],
    ["# 通話の始め", `最初に${quote(settings.greeting)}とごあいさつしてください。`],
    templates.length > 0
      ? [
          "# ご用件ごとの対応",
          "次の言葉や同じ意味の言い方が出たら、その用件として扱ってください。",
          ...templates.map(keywordRule),
        ]
      : [],
    [
      "# 聞き取れないとき",
      `ご用件がわからないときは${quote(settings.fallbackMessage)}のように聞き返してください。`,
      `${settings.maxMisunderstandings}回続けてわからないとき、またはお客様が担当者との会話を望まれたときは、${quote(settings.transferMessage)}とお伝えし、request_operator_handoff で担当者におつなぎしてください。`,
    ],
    ["# 通話の終わり", `ご用件が済んだら${quote(settings.closingMessage)}とごあいさつしてください。`],
  ];
  return {
    prompt: sections
      .filter((lines) => lines.length > 0)
      .map((lines) => lines.join("\n"))
      .join("\n\n"),
  };
}
