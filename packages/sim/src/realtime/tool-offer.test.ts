import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioSchema } from "../scenarios/scenario.ts";
import { ReferenceClient } from "../testing/reference-client.ts";
import { RealtimeSimulator } from "./realtime-simulator.ts";

// The script's first response is a call of `lookup`; its second a line.
const SCENARIO = scenarioSchema.parse({
  name: "lookup-first",
  description: "The agent looks something up before it speaks.",
  steps: [
    { speaker: "tool", name: "lookup", arguments: { q: "営業時間" } },
    { speaker: "agent", say: "営業時間は九時からです。" },
  ],
});
const tool = (name: string) => ({ type: "function" as const, name, parameters: { type: "object" } });

describe("tool calls come only from what the session offers", () => {
  let sim: RealtimeSimulator;
  beforeAll(async () => {
    sim = await RealtimeSimulator.start({ scenario: SCENARIO, audioPace: 50 });
  });
  afterAll(() => sim.close());

  /** The first response's output item after a session.update with `offer`, and `response` overrides. */
  async function firstOutput(offer: Partial<RealtimeSessionCreateRequest>, response?: object) {
    const client = await ReferenceClient.connect(sim.url);
    client.send({ type: "session.update", session: { type: "realtime", ...offer } });
    await client.next("session.updated");
    client.send({ type: "response.create", ...(response ? { response } : {}) });
    const { item } = await client.next("response.output_item.done");
    await client.next("response.done");
    await client.close();
    return item;
  }

  it.each([
    ["no tools declared", {}],
    ["tool_choice none", { tools: [tool("lookup")], tool_choice: "none" as const }],
    ["another tool declared", { tools: [tool("transfer")] }],
  ])("with %s the scripted call is answered in speech, and counted", async (_, offer) => {
    const withheld = sim.stats.toolCallsWithheld;
    const item = await firstOutput(offer);
    expect(item).toMatchObject({ type: "message", role: "assistant" });
    expect(sim.stats.toolCallsWithheld).toBe(withheld + 1);
  });

  it("calls the scripted tool when the session offers it (auto)", async () => {
    const item = await firstOutput({ tools: [tool("lookup")] });
    expect(item).toMatchObject({ type: "function_call", name: "lookup", arguments: '{"q":"営業時間"}' });
  });

  it("tool_choice required forces a call of a declared tool, even where the script speaks", async () => {
    sim.scenario = scenarioSchema.parse({ ...SCENARIO, steps: [SCENARIO.steps[1]] });
    const item = await firstOutput({ tools: [tool("transfer")], tool_choice: "required" });
    sim.scenario = SCENARIO;
    expect(item).toMatchObject({ type: "function_call", name: "transfer", arguments: "{}" });
  });

  it("a named function choice calls that function", async () => {
    const item = await firstOutput({
      tools: [tool("lookup"), tool("transfer")],
      tool_choice: { type: "function", name: "transfer" },
    });
    expect(item).toMatchObject({ type: "function_call", name: "transfer" });
  });

  it("response.create's tools and tool_choice override the session's for that response", async () => {
    const offered = await firstOutput({}, { tools: [tool("lookup")] });
    expect(offered).toMatchObject({ type: "function_call", name: "lookup" });
    const refused = await firstOutput({ tools: [tool("lookup")] }, { tool_choice: "none" });
    expect(refused.type).toBe("message");
  });
});
