import { describe, expect, it } from "vitest";
import { templatesWithErrors } from "./template-errors.ts";

describe("templatesWithErrors", () => {
  it("collects the templates whose fields have an error, not the list's own", () => {
    const errors = {
      "keywordTemplates.0.keyword": "キーワードを入力してください",
      "keywordTemplates.0.response": "応答を入力してください",
      "keywordTemplates.12.synonyms": "「料金」は1件目のテンプレートと重複しています",
      "keywordTemplates.3.action": null,
      keywordTemplates: "キーワードテンプレートは200件までです",
    };
    expect(templatesWithErrors(errors)).toEqual(new Set([0, 12]));
  });
});
