import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFlatJson } from "./flat-json.ts";

describe("readFlatJson", () => {
  it("reads compact objects of strings, integers and objects of those, as JSON.parse does", () => {
    for (const text of [
      "{}",
      '{"a":"x","b":-12,"c":{"d":"","e":0}}',
      '{ "a" : "x" , "b" : { } }',
      '{"type":"response.output_audio.delta","output_index":0,"delta":"/+8="}',
      '{"text":"日本語の文"}',
    ])
      expect(readFlatJson(text)).toEqual(JSON.parse(text));
  });

  it("leaves everything else to JSON.parse", () => {
    for (const text of [
      "",
      "null",
      "[]",
      '"a"',
      "{",
      '{"a":"x"',
      '{"a":"x"}x',
      '{"a":"x",}',
      '{"a" "x"}',
      '{"a":"x\\"y"}',
      '{"a":"\\u0041"}',
      '{"a":"tab\there"}',
      '{"a":1.5}',
      '{"a":1e3}',
      '{"a":01}',
      '{"a":-}',
      '{"a":true}',
      '{"a":null}',
      '{"a":[1]}',
      '{"a":{"b":{"c":"d"}}}',
      '{"a":"x","a":"y"}',
      '{"__proto__":{"polluted":"yes"}}',
      '\n{"a":"x"}',
    ])
      expect(readFlatJson(text), text).toBeNull();
  });

  it("never reads a text differently from JSON.parse", () => {
    const texts = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 60 }),
      fc.json({ maxDepth: 2 }).chain((json) => fc.nat(json.length).map((cut) => json.slice(0, cut))),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const read = readFlatJson(text);
        if (read !== null) expect(read).toEqual(JSON.parse(text));
      }),
      { seed: 18, numRuns: 20_000 },
    );
  });
});
