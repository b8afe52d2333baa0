import { describe, expect, it } from "vitest";
import { expectationLabel } from "./expectation-label.ts";
import { testScenarioInputSchema } from "./test-scenario.ts";

const valid = {
  name: "予約",
  callerNumber: "+819011112222",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。" },
    { speaker: "caller", say: "予約をお願いします。", pauseMs: 300 },
  ],
  expectations: [
    { kind: "tool_called", tool: "schedule_appointment", arguments: { date: "2026-12-08" } },
    { kind: "turn_latency_p95", maxMs: 800 },
  ],
};

describe("testScenarioInputSchema", () => {
  it("accepts a scenario with known tools", () => {
    const parsed = testScenarioInputSchema.parse(valid);
    expect(parsed.description).toBe("");
    expect(parsed.steps[1]).toMatchObject({ speaker: "caller", pauseMs: 300 });
  });

  it("refuses an expectation naming a tool the agent does not have, in Japanese, at the field", () => {
    const result = testScenarioInputSchema.safeParse({
      ...valid,
      expectations: [{ kind: "tool_called", tool: "send_invoice" }],
    });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(["expectations", 0, "tool"]);
    expect(issue?.message).toBe(
      "ツール「send_invoice」はこのエージェントにありません。使えるツール: request_operator_handoff、get_customer_info、schedule_appointment",
    );
  });

  it("refuses a scripted tool call the agent does not have", () => {
    const result = testScenarioInputSchema.safeParse({
      ...valid,
      steps: [...valid.steps, { speaker: "tool", name: "cancel_everything", arguments: {} }],
    });
    expect(result.error?.issues[0]?.path).toEqual(["steps", 2, "name"]);
  });

  it("needs at least one caller line and an E.164 number", () => {
    const result = testScenarioInputSchema.safeParse({
      ...valid,
      callerNumber: "090-1111-2222",
      steps: [{ speaker: "agent", say: "こんにちは" }],
    });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "電話番号は E.164 形式で入力してください (例: +819012345678)",
      "お客様の発話を少なくとも1つ入れてください",
    ]);
  });

  it("labels expectations in Japanese", () => {
    expect(
      expectationLabel({
        kind: "tool_called",
        tool: "schedule_appointment",
        arguments: { date: "2026-12-08" },
      }),
    ).toBe("schedule_appointment が呼ばれる (date=2026-12-08)");
    expect(expectationLabel({ kind: "caller_cer", max: 0.05 })).toBe("お客様の文字起こし CER < 5.0%");
  });
});
