import type { KeywordTemplate } from "@koe/shared";

/** Japanese names of the settings' fields, for labels and validation messages. */
export const CONVERSATION_LABELS: Record<string, string> = {
  companyName: "会社名",
  greeting: "挨拶",
  tone: "話し方",
  fallbackMessage: "聞き取れなかったときの応答",
  transferMessage: "転送時の案内",
  closingMessage: "終話の挨拶",
  maxMisunderstandings: "転送までの聞き返し回数",
};

export const KEYWORD_TEMPLATE_LABELS: Record<string, string> = {
  keywordTemplates: "キーワードテンプレート",
  "keywordTemplates.*.keyword": "キーワード",
  "keywordTemplates.*.synonyms": "同義語",
  "keywordTemplates.*.response": "応答",
  "keywordTemplates.*.action": "動作",
};

export const REALTIME_LABELS: Record<string, string> = {
  enabled: "Realtime APIを有効化",
  model: "モデル",
  voice: "音声",
  speed: "話速",
  reasoningEffort: "推論の深さ",
  instructions: "システムプロンプト",
};

export const TONE_OPTIONS = [
  { value: "polite", label: "丁寧" },
  { value: "friendly", label: "親しみやすい" },
  { value: "formal", label: "格式高い" },
];

export const TEMPLATE_ACTION_LABELS: Record<KeywordTemplate["action"], string> = {
  none: "応答のみ",
  transfer: "転送",
  end_call: "終話",
};

export const TEMPLATE_ACTION_OPTIONS = Object.entries(TEMPLATE_ACTION_LABELS).map(([value, label]) => ({
  value,
  label,
}));

export const REASONING_EFFORT_LABELS: Record<string, string> = {
  minimal: "最小",
  low: "低",
  medium: "中",
  high: "高",
};

export const MODEL_DESCRIPTIONS: Record<string, string> = {
  "gpt-realtime-2.1": "標準",
  "gpt-realtime-2.1-mini": "低コスト",
};
