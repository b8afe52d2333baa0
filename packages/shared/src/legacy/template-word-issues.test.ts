import { describe, expect, it } from "vitest";
import { keywordTemplatesSchema, unambiguousKeywordTemplatesSchema } from "./conversation-settings.ts";
import { templateWordIssues } from "./template-word-issues.ts";

const template = (keyword: string, synonyms: string[] = []) => ({
  keyword,
  synonyms,
  response: "承知いたしました。",
  action: "none" as const,
});

describe("templateWordIssues", () => {
  it("accepts distinct words, and words that only contain one another (the longest wins)", () => {
    expect(templateWordIssues([template("予約", ["予約したい"]), template("予約キャンセル")])).toEqual([]);
  });

  it("flags a word an earlier template already has, compared as the engine compares speech", () => {
    const templates = [template("料金", ["ＰＲＩＣＥ"]), template("値段", ["料金"]), template("price!")];
    expect(templateWordIssues(templates)).toEqual([
      { path: [1, "synonyms"], problem: { problem: "duplicate", word: "料金", earlierTemplate: 0 } },
      { path: [2, "keyword"], problem: { problem: "duplicate", word: "price!", earlierTemplate: 0 } },
    ]);
  });

  it("lets one template repeat its own keyword as a synonym", () => {
    expect(templateWordIssues([template("予約", ["よやく", "予約"])])).toEqual([]);
  });

  it("flags a word of only spaces or symbols, which can never match, and leaves empty ones to the length check", () => {
    expect(templateWordIssues([template(" ", ["？！"]), template("")])).toEqual([
      { path: [0, "keyword"], problem: { problem: "unmatchable", word: " " } },
      { path: [0, "synonyms"], problem: { problem: "unmatchable", word: "？！" } },
    ]);
  });
});

describe("unambiguousKeywordTemplatesSchema", () => {
  const duplicated = [template("料金"), template("値段", ["料金"])];

  it("rejects a duplicated word where it is written, while stored templates still read", () => {
    const result = unambiguousKeywordTemplatesSchema.safeParse(duplicated);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([
      { code: "custom", path: [1, "synonyms"], params: { problem: "duplicate", earlierTemplate: 0 } },
    ]);
    expect(keywordTemplatesSchema.safeParse(duplicated).success).toBe(true);
  });

  it("reports a duplicate beside an empty field of another template", () => {
    const result = unambiguousKeywordTemplatesSchema.safeParse([...duplicated, template("")]);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      [2, "keyword"],
      [1, "synonyms"],
    ]);
  });
});
