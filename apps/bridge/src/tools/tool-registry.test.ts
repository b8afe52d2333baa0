import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseToolArguments, ToolRegistry } from "./tool-registry.ts";

const context = {
  callSid: "CA1",
  callSessionId: "s",
  companyId: "c",
  agentId: "a",
  customerNumber: "+81",
  isTest: false,
  leavingAs: () => () => {},
};

function registry() {
  return new ToolRegistry()
    .register({
      name: "add",
      description: "足し算",
      parameters: z.object({ a: z.number(), b: z.number() }),
      handler: async ({ a, b }) => ({ sum: a + b }),
    })
    .register({
      name: "slow",
      description: "遅い",
      parameters: z.object({}),
      timeoutMs: 50,
      handler: (_args, { signal }) =>
        new Promise((resolve) => signal.addEventListener("abort", () => resolve("late"))),
    })
    .register({
      name: "broken",
      description: "壊れている",
      parameters: z.object({}),
      handler: async () => {
        throw new Error("database is down");
      },
    });
}

describe("tool registry", () => {
  it("describes its tools to the session as GA function tools with JSON schemas", () => {
    const [add] = registry().sessionTools();
    expect(add).toMatchObject({
      type: "function",
      name: "add",
      description: "足し算",
      parameters: {
        type: "object",
        properties: { a: { type: "number" }, b: { type: "number" } },
        required: ["a", "b"],
      },
    });
  });

  it("runs a tool with validated arguments", async () => {
    expect(await registry().run("add", parseToolArguments('{"a":2,"b":3}'), context)).toEqual({
      ok: true,
      output: { sum: 5 },
    });
  });

  it("answers bad calls with errors the model can use, never throwing", async () => {
    const tools = registry();
    expect(await tools.run("add", parseToolArguments('{"a":"two"}'), context)).toMatchObject({
      ok: false,
      error: expect.stringContaining("Invalid arguments for add"),
    });
    expect(await tools.run("add", parseToolArguments("{not json"), context)).toEqual({
      ok: false,
      error: "The arguments for add are not valid JSON.",
    });
    expect(await tools.run("nope", parseToolArguments("{}"), context)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Unknown tool "nope"'),
    });
    expect(await tools.run("slow", parseToolArguments("{}"), context)).toEqual({
      ok: false,
      error: "slow did not answer within 50 ms.",
    });
    expect(await tools.run("broken", parseToolArguments("{}"), context)).toEqual({
      ok: false,
      error: "broken failed: database is down",
    });
  });
});
