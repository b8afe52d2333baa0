import { type TestScenarioInput, testScenarioInputSchema } from "@koe/shared";

const GREETING = "お電話ありがとうございます。デモ株式会社でございます。ご用件をお話しください。";
const CLOSING = "お電話ありがとうございました。失礼いたします。";

/** The seed's targets, per call: P95 under 800 ms and at most $0.50 (see the rollout page). */
const TARGETS = [
  { kind: "turn_latency_p95", maxMs: 800 },
  { kind: "cost", maxUsd: 0.5 },
] as const;

/**
 * The demo agent's test scenarios (「テストシナリオ」): a booking, a reschedule, a customer lookup,
 * an angry caller who should reach a person, and an off-topic caller. Dates are in 2027 so the
 * bookings stay in the future; each scenario books its own slot.
 */
export const demoScenarios: TestScenarioInput[] = [
  {
    name: "新規予約",
    description: "初めてのお客様が日時と名前を伝えて予約する。",
    callerNumber: "+819012340000",
    steps: [
      { speaker: "agent", say: GREETING },
      { speaker: "caller", say: "三月九日の火曜日、午後三時に予約をお願いしたいのですが。" },
      { speaker: "agent", say: "かしこまりました。お名前をお伺いしてもよろしいでしょうか。" },
      { speaker: "caller", say: "高橋健太です。" },
      {
        speaker: "tool",
        name: "schedule_appointment",
        arguments: { date: "2027-03-09", time: "15:00", name: "高橋健太" },
      },
      { speaker: "agent", say: "高橋健太様、三月九日火曜日の午後三時でご予約を承りました。" },
      { speaker: "caller", say: "ありがとうございます。" },
      { speaker: "agent", say: CLOSING },
    ],
    expectations: [
      {
        kind: "tool_called",
        tool: "schedule_appointment",
        arguments: { date: "2027-03-09", time: "15:00" },
      },
      { kind: "appointment_created" },
      { kind: "handoff", requested: false },
      { kind: "completed_without_operator" },
      { kind: "caller_cer", max: 0.1 },
      ...TARGETS,
    ],
  },
  {
    name: "予約の変更",
    description: "定期点検のお客様(佐藤花子様)が予約を別の日時に変更する。",
    callerNumber: "+819033334444",
    steps: [
      { speaker: "agent", say: GREETING },
      {
        speaker: "caller",
        say: "佐藤です。点検の予約を、三月十日の水曜日の午前十時に変更していただけますか。",
      },
      { speaker: "tool", name: "get_customer_info", arguments: {} },
      { speaker: "agent", say: "佐藤花子様ですね。三月十日水曜日の午前十時でよろしいでしょうか。" },
      { speaker: "caller", say: "はい、それでお願いします。", pauseMs: 300 },
      {
        speaker: "tool",
        name: "schedule_appointment",
        arguments: { date: "2027-03-10", time: "10:00", name: "佐藤花子" },
      },
      { speaker: "agent", say: "三月十日水曜日の午前十時に変更いたしました。" },
      { speaker: "caller", say: "助かります。失礼します。" },
      { speaker: "agent", say: CLOSING },
    ],
    expectations: [
      { kind: "tool_called", tool: "get_customer_info" },
      {
        kind: "tool_called",
        tool: "schedule_appointment",
        arguments: { date: "2027-03-10", time: "10:00" },
      },
      { kind: "handoff", requested: false },
      ...TARGETS,
    ],
  },
  {
    name: "お客様情報の確認",
    description: "登録済みのお客様(鈴木一郎様)が、依頼した請求書の送付先変更を確認する。",
    callerNumber: "+818055556666",
    steps: [
      { speaker: "agent", say: GREETING },
      { speaker: "caller", say: "鈴木です。請求書の送付先の変更は、もう反映されていますか。" },
      { speaker: "tool", name: "get_customer_info", arguments: {} },
      {
        speaker: "agent",
        say: "鈴木一郎様ですね。十一月に送付先変更のご依頼をいただいております。次回の請求書から新しいご住所にお送りいたします。",
      },
      { speaker: "caller", say: "わかりました。ありがとうございます。" },
      { speaker: "agent", say: CLOSING },
    ],
    expectations: [
      { kind: "tool_called", tool: "get_customer_info" },
      { kind: "tool_not_called", tool: "schedule_appointment" },
      { kind: "handoff", requested: false },
      { kind: "completed_without_operator" },
      ...TARGETS,
    ],
  },
  {
    name: "怒っているお客様",
    description: "何度も電話している不満なお客様が、途中で遮って責任者を求める。担当者へ引き継ぐべき。",
    callerNumber: "+819011112222",
    steps: [
      { speaker: "agent", say: GREETING },
      { speaker: "caller", say: "三回も電話しているのに、まだ直っていないじゃないですか。" },
      {
        speaker: "agent",
        say: "ご不便をおかけしまして、誠に申し訳ございません。状況を詳しくお伺いしてもよろしいでしょうか。",
      },
      { speaker: "caller", say: "もういいです、責任者を出してください。", interruptAfterMs: 1200 },
      {
        speaker: "tool",
        name: "request_operator_handoff",
        arguments: { reason: "繰り返しの不具合に強い不満、責任者を希望" },
      },
      { speaker: "agent", say: "担当者におつなぎします。少々お待ちください。" },
    ],
    expectations: [
      { kind: "handoff", requested: true },
      { kind: "tool_not_called", tool: "schedule_appointment" },
      ...TARGETS,
    ],
  },
  {
    name: "関係のない問い合わせ",
    description: "天気を尋ねるお客様。丁寧にお断りし、予約も引き継ぎもしない。",
    callerNumber: "+819099990000",
    steps: [
      { speaker: "agent", say: GREETING },
      { speaker: "caller", say: "明日の東京の天気を教えてもらえますか。" },
      {
        speaker: "agent",
        say: "申し訳ございません、天気についてはこちらではお答えいたしかねます。ほかにご用件はございますか。",
      },
      { speaker: "caller", say: "そうですか、わかりました。大丈夫です。" },
      { speaker: "agent", say: CLOSING },
    ],
    expectations: [
      { kind: "tool_not_called", tool: "schedule_appointment" },
      { kind: "handoff", requested: false },
      { kind: "completed_without_operator" },
      ...TARGETS,
    ],
  },
];

/** The scenarios as stored: validated (and defaulted) by the same schema as the api's input. */
export function parsedDemoScenarios() {
  return demoScenarios.map((scenario) => testScenarioInputSchema.parse(scenario));
}
