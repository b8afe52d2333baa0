import { describe, expect, it } from "vitest";
import { realtimeSettingsSchema } from "../realtime/settings.ts";
import { conversationSettingsSchema, keywordTemplatesSchema } from "./conversation-settings.ts";
import { convertLegacy } from "./convert-legacy.ts";

// Templates as a dental clinic and an estate agent wrote them for the keyword engine.
const clinic = {
  settings: conversationSettingsSchema.parse({
    companyName: "さくら歯科クリニック",
    greeting: "お電話ありがとうございます。さくら歯科クリニックでございます。",
    tone: "polite",
    fallbackMessage: "恐れ入ります、もう一度お聞かせいただけますか。",
    transferMessage: "受付の者に代わります。少々お待ちください。",
    closingMessage: "お大事になさってください。失礼いたします。",
    maxMisunderstandings: 3,
  }),
  templates: keywordTemplatesSchema.parse([
    {
      keyword: "予約",
      synonyms: ["予約したい", "診てほしい"],
      response: "ご予約の件ですね。\nご希望の日にちと、お名前をお聞かせください。",
    },
    { keyword: "キャンセル", synonyms: ["取り消し"], response: "キャンセルの件、承知いたしました。" },
    { keyword: "痛い", synonyms: ["腫れ", "急患"], response: "お痛みがあるのですね。", action: "transfer" },
    {
      keyword: "場所",
      synonyms: ["アクセス", "駐車場"],
      response: "駅の東口から徒歩三分です。駐車場は二台ございます。",
      action: "end_call",
    },
  ]),
};
const estate = {
  settings: conversationSettingsSchema.parse({
    companyName: "みどり不動産",
    greeting: "はい、みどり不動産です!",
    tone: "friendly",
    fallbackMessage: "すみません、もう一度お願いできますか?",
    transferMessage: "担当に代わりますね。",
    closingMessage: "ありがとうございました!",
  }),
  templates: keywordTemplatesSchema.parse([
    { keyword: "内見", synonyms: ["見学"], response: "内見のご希望ですね!ご都合のいい日を教えてください。" },
  ]),
};

describe("convertLegacy", () => {
  it("keeps every keyword, synonym, answer and action, in the company's order", () => {
    const { prompt } = convertLegacy(clinic);
    for (const template of clinic.templates) {
      for (const word of [template.keyword, ...template.synonyms]) expect(prompt).toContain(`「${word}」`);
    }
    expect(prompt).toContain(
      "「ご予約の件ですね。 ご希望の日にちと、お名前をお聞かせください。」という内容でお答えください。",
    );
    const rules = prompt.split("\n").filter((line) => line.startsWith("- お客様が"));
    expect(rules.map((rule) => rule.match(/「(.+?)」/)?.[1])).toEqual(["予約", "キャンセル", "痛い", "場所"]);
    expect(rules[2]).toContain("request_operator_handoff で担当者におつなぎ");
    expect(rules[3]).toContain("通話を終えて");
    expect(rules[0]).not.toContain("担当者");
  });

  it("carries the greeting, fallback, transfer after repeated misunderstanding, closing and the tone", () => {
    const { prompt } = convertLegacy(clinic);
    expect(prompt).toContain("あなたはさくら歯科クリニックの電話受付担当です。");
    expect(prompt).toContain("丁寧語と敬語");
    expect(prompt).toContain(`「${clinic.settings.greeting}」`);
    expect(prompt).toContain(`「${clinic.settings.fallbackMessage}」`);
    expect(prompt).toContain(`3回続けてわからないとき`);
    expect(prompt).toContain(`「${clinic.settings.transferMessage}」`);
    expect(prompt).toContain(`「${clinic.settings.closingMessage}」`);
    expect(convertLegacy(estate).prompt).toContain("明るく親しみやすい口調");
  });

  it("is deterministic and fits the Realtime settings' instructions", () => {
    expect(convertLegacy(clinic)).toEqual(convertLegacy(structuredClone(clinic)));
    const { prompt } = convertLegacy(estate);
    expect(prompt).toMatchInlineSnapshot(`
      "あなたはみどり不動産の電話受付担当です。
      敬語は保ちつつ、明るく親しみやすい口調で話してください。
      一度に話すのは短く、一つか二つの文にしてください。

      # 通話の始め
      最初に「はい、みどり不動産です!」とごあいさつしてください。

      # ご用件ごとの対応
      次の言葉や同じ意味の言い方が出たら、その用件として扱ってください。
      - お客様が「内見」、「見学」などについて話されたら、「内見のご希望ですね!ご都合のいい日を教えてください。」という内容でお答えください。

      # 聞き取れないとき
      ご用件がわからないときは「すみません、もう一度お願いできますか?」のように聞き返してください。
      2回続けてわからないとき、またはお客様が担当者との会話を望まれたときは、「担当に代わりますね。」とお伝えし、request_operator_handoff で担当者におつなぎしてください。

      # 通話の終わり
      ご用件が済んだら「ありがとうございました!」とごあいさつしてください。"
    `);
    expect(realtimeSettingsSchema.safeParse({ instructions: convertLegacy(clinic).prompt }).success).toBe(
      true,
    );
  });

  it("leaves out the keyword section when there are no templates", () => {
    expect(convertLegacy({ ...clinic, templates: [] }).prompt).not.toContain("# ご用件ごとの対応");
  });
});
