import { type Scenario, scenarioSchema } from "./scenario.ts";

/** The calls every part of Koe is tested and demonstrated with. */
export const SCENARIOS = {
  booking: scenarioSchema.parse({
    name: "booking",
    description: "A caller books an appointment for next Tuesday at 3 pm.",
    steps: [
      {
        speaker: "agent",
        say: "お電話ありがとうございます。デモ株式会社でございます。ご用件をお伺いします。",
      },
      { speaker: "caller", say: "来週の火曜日の午後三時に予約をお願いしたいのですが。" },
      { speaker: "agent", say: "かしこまりました。お名前をお伺いしてもよろしいでしょうか。" },
      { speaker: "caller", say: "山田太郎です。" },
      {
        speaker: "tool",
        name: "schedule_appointment",
        arguments: { date: "2026-12-01", time: "15:00", name: "山田太郎" },
      },
      { speaker: "agent", say: "山田太郎様、十二月一日火曜日の午後三時でご予約を承りました。" },
      { speaker: "caller", say: "ありがとうございます。" },
      { speaker: "agent", say: "お電話ありがとうございました。失礼いたします。" },
    ],
  }),
  handoff: scenarioSchema.parse({
    name: "handoff",
    description: "A frustrated caller asks for a human and is handed to an operator.",
    steps: [
      { speaker: "agent", say: "お電話ありがとうございます。デモ株式会社でございます。" },
      { speaker: "caller", say: "先月の請求がおかしいんですけど、どうなっているんですか。" },
      { speaker: "agent", say: "ご迷惑をおかけして申し訳ございません。詳しくお伺いできますでしょうか。" },
      { speaker: "caller", say: "もういいです、人と話させてください。" },
      {
        speaker: "tool",
        name: "request_operator_handoff",
        arguments: { reason: "請求内容への不満、担当者を希望" },
      },
      { speaker: "agent", say: "担当者におつなぎします。少々お待ちください。" },
    ],
  }),
  "barge-in": scenarioSchema.parse({
    name: "barge-in",
    description: "The caller interrupts the agent in the middle of a long sentence.",
    steps: [
      {
        speaker: "agent",
        say: "お電話ありがとうございます。デモ株式会社でございます。本日は料金プラン、ご予約、各種お手続きについてご案内しております。ご用件をお話しください。",
      },
      { speaker: "caller", say: "すみません、営業時間だけ教えてください。", interruptAfterMs: 1500 },
      { speaker: "agent", say: "営業時間は平日九時から十八時まででございます。" },
      { speaker: "caller", say: "わかりました。" },
      { speaker: "agent", say: "お電話ありがとうございました。" },
    ],
  }),
  "customer-lookup": scenarioSchema.parse({
    name: "customer-lookup",
    description: "A known customer calls; the agent looks them up by their number.",
    from: "+819033334444",
    steps: [
      { speaker: "agent", say: "お電話ありがとうございます。デモ株式会社でございます。" },
      { speaker: "caller", say: "いつもお世話になっております。次回の点検の件でお電話しました。" },
      { speaker: "tool", name: "get_customer_info", arguments: { phone_number: "+819033334444" } },
      {
        speaker: "agent",
        say: "佐藤花子様ですね。いつもありがとうございます。次回の点検のご予約をお取りしましょうか。",
      },
      { speaker: "caller", say: "はい、お願いします。" },
      { speaker: "agent", say: "かしこまりました。ご希望の日時をお聞かせください。" },
    ],
  }),
  keywords: scenarioSchema.parse({
    name: "keywords",
    description:
      "The demo agent's keyword templates, as the legacy engine plays them: a booking, the price, a line it cannot place, then an operator.",
    steps: [
      {
        speaker: "agent",
        say: "お電話ありがとうございます。デモ株式会社でございます。ご用件をお話しください。",
      },
      { speaker: "caller", say: "来週、予約をしたいのですが。" },
      { speaker: "agent", say: "ご予約の件ですね。ご希望の日時をお聞かせください。" },
      { speaker: "caller", say: "その前に、料金はいくらですか。" },
      { speaker: "agent", say: "料金プランは月額九千八百円からご用意しております。" },
      { speaker: "caller", say: "えーと、あの、例のあれなんですけど。" },
      { speaker: "agent", say: "申し訳ございません、もう一度おっしゃっていただけますでしょうか。" },
      { speaker: "caller", say: "担当者の方と話したいです。" },
      { speaker: "agent", say: "担当者におつなぎします。" },
    ],
  }),
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

export function scenarioByName(name: string): Scenario {
  const scenario = (SCENARIOS as Record<string, Scenario>)[name];
  if (!scenario) throw new Error(`Unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(", ")}`);
  return scenario;
}
