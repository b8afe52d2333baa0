import type { ConversationSettings, KeywordTemplate, RealtimeSettings, WeeklyHours } from "@koe/shared";

/** Fixed ids so the seed is idempotent and tests and scripts can name the demo rows. */
export const DEMO = {
  companyId: "00000000-0000-4000-8000-00000000c0de",
  agentId: "00000000-0000-4000-8000-0000000a6e07",
  phoneNumber: "+815012345678",
  adminEmail: "admin@demo.example",
  operatorEmail: "operator@demo.example",
} as const;

export const demoCompany = {
  name: "デモ株式会社",
  timeZone: "Asia/Tokyo",
  maxConcurrentCalls: 10,
  monthlyBudgetUsd: 500,
  operatorPhoneNumber: "+81312345678",
  businessHours: {
    mon: { open: "09:00", close: "18:00" },
    tue: { open: "09:00", close: "18:00" },
    wed: { open: "09:00", close: "18:00" },
    thu: { open: "09:00", close: "18:00" },
    fri: { open: "09:00", close: "18:00" },
    sat: { open: "10:00", close: "15:00" },
    sun: null,
  } satisfies WeeklyHours,
  callingHours: {
    mon: { open: "10:00", close: "19:00" },
    tue: { open: "10:00", close: "19:00" },
    wed: { open: "10:00", close: "19:00" },
    thu: { open: "10:00", close: "19:00" },
    fri: { open: "10:00", close: "19:00" },
    sat: null,
    sun: null,
  } satisfies WeeklyHours,
};

export const demoConversationSettings: ConversationSettings = {
  companyName: "デモ株式会社",
  greeting: "お電話ありがとうございます。デモ株式会社でございます。ご用件をお話しください。",
  tone: "polite",
  fallbackMessage: "申し訳ございません、もう一度おっしゃっていただけますでしょうか。",
  transferMessage: "担当者におつなぎします。少々お待ちください。",
  closingMessage: "お電話ありがとうございました。失礼いたします。",
  maxMisunderstandings: 2,
};

export const demoKeywordTemplates: KeywordTemplate[] = [
  {
    keyword: "予約",
    synonyms: ["予約したい", "アポイント"],
    response: "ご予約の件ですね。ご希望の日時をお聞かせください。",
    action: "none",
  },
  {
    keyword: "料金",
    synonyms: ["値段", "価格", "いくら"],
    response: "料金プランは月額九千八百円からご用意しております。",
    action: "none",
  },
  {
    keyword: "営業時間",
    synonyms: ["何時まで", "何時から"],
    response: "営業時間は平日九時から十八時、土曜日は十時から十五時でございます。",
    action: "none",
  },
  {
    keyword: "担当者",
    synonyms: ["オペレーター", "人と話したい"],
    response: "担当者におつなぎします。",
    action: "transfer",
  },
];

export const demoRealtimeSettings: RealtimeSettings = {
  enabled: true,
  model: "gpt-realtime-2.1",
  voice: "marin",
  speed: 1,
  reasoningEffort: "low",
  instructions: [
    "あなたは{{company_name}}の電話受付担当です。常に丁寧な日本語(敬語)で、短く自然に話してください。",
    "お客様のお名前がわかる場合は「{{customer_name}}様」とお呼びしてください。",
    "ご予約の希望があれば日時とお名前を確認し、schedule_appointment で予約してください。",
    "お客様が担当者との会話を望む場合や、お答えできない場合は request_operator_handoff を使ってください。",
    "お客様の発話は日本語です。日本語の表記(漢字・かな)で理解し、日本語で答えてください。",
  ].join("\n"),
  turnDetection: { type: "server_vad", threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 },
  noiseReduction: "far_field",
};

export const demoCustomers = [
  { phoneNumber: "+819011112222", name: "山田 太郎", notes: "2026年10月に初回相談。月額プランを検討中。" },
  { phoneNumber: "+819033334444", name: "佐藤 花子", notes: "既存のお客様。毎月第一週に定期点検の予約。" },
  { phoneNumber: "+818055556666", name: "鈴木 一郎", notes: "請求書の送付先変更の依頼あり(2026年11月)。" },
];
