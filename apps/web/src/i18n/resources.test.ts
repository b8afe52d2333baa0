import { describe, expect, it } from "vitest";
import { en } from "./locales/en/index.ts";
import { ja } from "./locales/ja/index.ts";

type Tree = { readonly [key: string]: string | Tree };

/** Every string of a resource tree by its dotted key ("monitor.panel.turns"). */
function strings(tree: Tree, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [nested, text] of strings(value, path)) found.set(nested, text);
  }
  return found;
}

/** What a translation must carry over: `{{variables}}` and `<b>`-style tags for `Trans`. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*[^}]+?\s*\}\}|<\/?[a-z]+\s*\/?>/g)].map((match) => match[0]).sort();
}

describe("the English translation", () => {
  const source = strings(ja);
  const translation = strings(en);

  it("has every key of the Japanese source and no other", () => {
    expect([...translation.keys()].sort()).toEqual([...source.keys()].sort());
  });

  it("keeps each string's interpolation variables and markup", () => {
    const mismatched = [...source].filter(
      ([key, text]) => placeholders(text).join() !== placeholders(translation.get(key) ?? "").join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it("leaves no string empty", () => {
    expect([...translation].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });
});
