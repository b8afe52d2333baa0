import { conversationSettingsSchema, keywordTemplatesSchema, realtimeSettingsSchema } from "@koe/shared";
import { diffLines } from "diff";
import { describe, expect, it } from "vitest";
import { VERSION_SECTIONS, type VersionSettings, versionTexts } from "./version-text.ts";

const version: VersionSettings = {
  conversationSettings: conversationSettingsSchema.parse({
    companyName: "デモ株式会社",
    greeting: "お電話ありがとうございます。",
    fallbackMessage: "もう一度お願いします。",
    transferMessage: "おつなぎします。",
    closingMessage: "失礼いたします。",
  }),
  keywordTemplates: keywordTemplatesSchema.parse([
    { keyword: "予約", synonyms: ["予約したい", "空き"], response: "ご予約ですね。", action: "none" },
    { keyword: "担当者", synonyms: [], response: "おつなぎします。", action: "transfer" },
  ]),
  realtimeSettings: realtimeSettingsSchema.parse({
    enabled: true,
    voice: "marin",
    instructions: "あなたは受付です。\n丁寧に話してください。",
  }),
};

describe("versionTexts", () => {
  it("writes each part of a version as labelled lines, the prompt as it is", () => {
    const texts = versionTexts(version);
    expect(texts.prompt).toBe("あなたは受付です。\n丁寧に話してください。");
    expect(texts.realtime.split("\n")).toEqual(
      expect.arrayContaining([
        "Realtime APIを有効化: ON",
        "音声: marin",
        "話速: 1",
        "雑音の抑え方: 離れたマイク向け",
      ]),
    );
    expect(texts.legacy.split("\n")).toContain("話し方: 丁寧");
    expect(texts.templates.split("\n")).toEqual([
      "【テンプレート 1】",
      "  キーワード: 予約",
      "  同義語: 予約したい、空き",
      "  応答: ご予約ですね。",
      "  動作: 応答のみ",
      "【テンプレート 2】",
      "  キーワード: 担当者",
      "  同義語: ",
      "  応答: おつなぎします。",
      "  動作: 転送",
    ]);
  });

  it("makes a change show as exactly its removed and added lines, and unchanged parts equal", () => {
    const current: VersionSettings = {
      ...version,
      realtimeSettings: version.realtimeSettings && { ...version.realtimeSettings, voice: "cedar" },
      keywordTemplates: (version.keywordTemplates ?? []).map((t) =>
        t.keyword === "予約" ? { ...t, response: "ご予約の件、承ります。" } : t,
      ),
    };
    const before = versionTexts(version);
    const after = versionTexts(current);
    const changed = VERSION_SECTIONS.filter((section) => before[section] !== after[section]);
    expect(changed).toEqual(["realtime", "templates"]);
    const edits = (section: (typeof VERSION_SECTIONS)[number]) =>
      diffLines(before[section], after[section])
        .filter((part) => part.added || part.removed)
        .map((part) => `${part.added ? "+" : "-"}${part.value.trimEnd()}`);
    expect(edits("realtime")).toEqual(["-音声: marin", "+音声: cedar"]);
    expect(edits("templates")).toEqual(["-  応答: ご予約ですね。", "+  応答: ご予約の件、承ります。"]);
  });

  it("says so for a part of an old version that no longer reads", () => {
    const texts = versionTexts({ ...version, keywordTemplates: null });
    expect(texts.templates).toBe("(このバージョンのこの設定は読み取れません)");
  });
});
