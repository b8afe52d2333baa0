import { DEMO } from "@koe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";

const scenario = {
  name: "営業時間の確認",
  description: "営業時間を尋ねる",
  callerNumber: "+819012345678",
  steps: [
    { speaker: "agent" as const, say: "お電話ありがとうございます。" },
    { speaker: "caller" as const, say: "営業時間を教えてください。", pauseMs: 200 },
    { speaker: "caller" as const, say: "すみません、土曜日は？", interruptAfterMs: 800 },
  ],
  expectations: [
    { kind: "tool_not_called" as const, tool: "schedule_appointment" },
    { kind: "turn_latency_p95" as const, maxMs: 800 },
  ],
};

describe("evals: test scenarios", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.close());

  it("lists the seeded scenarios of the agent", async () => {
    const scenarios = await h.caller(h.users.operator).evals.scenarios({ agentId: DEMO.agentId });
    expect(scenarios.map((s) => s.name)).toContain("怒っているお客様");
    expect(scenarios).toHaveLength(5);
  });

  it("creates, edits and deletes a scenario, keeping pauses and barge-ins", async () => {
    const admin = h.caller(h.users.admin);
    const created = await admin.evals.createScenario({ agentId: DEMO.agentId, scenario });
    expect(created.steps[2]).toEqual({
      speaker: "caller",
      say: "すみません、土曜日は？",
      pauseMs: 400,
      interruptAfterMs: 800,
    });
    const updated = await admin.evals.updateScenario({
      scenarioId: created.id,
      scenario: { ...scenario, name: "営業時間", expectations: [{ kind: "cost", maxUsd: 0.3 }] },
    });
    expect(updated).toMatchObject({ name: "営業時間", expectations: [{ kind: "cost", maxUsd: 0.3 }] });
    await admin.evals.deleteScenario({ scenarioId: created.id });
    const names = (await admin.evals.scenarios({ agentId: DEMO.agentId })).map((s) => s.name);
    expect(names).not.toContain("営業時間");
  });

  it("refuses an expectation naming an unknown tool, with a Japanese message at the field", async () => {
    const attempt = h.caller(h.users.admin).evals.createScenario({
      agentId: DEMO.agentId,
      scenario: { ...scenario, expectations: [{ kind: "tool_called", tool: "refund_payment" }] },
    });
    await expect(attempt).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("ツール「refund_payment」はこのエージェントにありません。"),
    });
    expect(await h.db.prisma.testScenario.count({ where: { name: scenario.name } })).toBe(0);
  });

  it("refuses a second scenario of the same name, in Japanese", async () => {
    await expect(
      h.caller(h.users.admin).evals.createScenario({
        agentId: DEMO.agentId,
        scenario: { ...scenario, name: "新規予約" },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "「新規予約」という名前のシナリオはすでにあります。別の名前にしてください。",
    });
  });
});
