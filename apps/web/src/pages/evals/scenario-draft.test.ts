import { describe, expect, it } from "vitest";
import { emptyDraft, newExpectationDraft, toDraft, validateDraft } from "./scenario-draft.ts";

const messages = { jsonError: "JSON!", labels: {} };

describe("scenario drafts", () => {
  it("round-trips a scenario through the editor's draft", () => {
    const scenario = {
      name: "予約",
      description: "",
      callerNumber: "+819011112222",
      steps: [
        { speaker: "agent" as const, say: "はい" },
        { speaker: "caller" as const, say: "予約を", pauseMs: 300, interruptAfterMs: 900 },
        { speaker: "tool" as const, name: "schedule_appointment", arguments: { date: "2027-03-09" } },
      ],
      expectations: [
        { kind: "tool_called" as const, tool: "schedule_appointment", arguments: { date: "2027-03-09" } },
        { kind: "cost" as const, maxUsd: 0.5 },
      ],
    };
    expect(validateDraft(toDraft(scenario), messages)).toEqual({ input: scenario, errors: null });
  });

  it("shows the unknown tool's Japanese refusal and bad JSON at their fields", () => {
    const draft = emptyDraft();
    draft.name = "x";
    draft.callerNumber = "+819011112222";
    draft.steps = [{ speaker: "caller", say: "もしもし", pauseMs: 400, interruptAfterMs: "" }];
    draft.expectations = [
      { ...newExpectationDraft("tool_called"), tool: "send_fax" },
      { ...newExpectationDraft("tool_not_called"), argumentsJson: "{date:" },
    ];
    const result = validateDraft(draft, messages);
    expect(result.errors).toEqual({
      "expectations.0.tool": expect.stringContaining("ツール「send_fax」はこのエージェントにありません。"),
      "expectations.1.arguments": "JSON!",
    });
  });
});
