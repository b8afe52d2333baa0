import {
  type Expectation,
  type ExpectationKind,
  type ScenarioStep,
  type TestScenario,
  type TestScenarioInput,
  testScenarioInputSchema,
} from "@koe/shared";
import { validationMessages } from "../../lib/validation-messages.ts";

/** A step as the editor holds it: numbers as typed, tool arguments as JSON text. */
export type StepDraft =
  | { speaker: "caller"; say: string; pauseMs: number | string; interruptAfterMs: number | string }
  | { speaker: "agent"; say: string }
  | { speaker: "tool"; name: string; argumentsJson: string }
  | { speaker: "dtmf"; digits: string };

export type ExpectationDraft = {
  kind: ExpectationKind;
  tool: string;
  argumentsJson: string;
  requested: boolean;
  limit: number | string;
};

export type ScenarioDraft = {
  name: string;
  description: string;
  callerNumber: string;
  steps: StepDraft[];
  expectations: ExpectationDraft[];
};

export const EXPECTATION_KINDS: ExpectationKind[] = [
  "tool_called",
  "tool_not_called",
  "appointment_created",
  "handoff",
  "completed_without_operator",
  "turn_latency_p95",
  "caller_cer",
  "cost",
];

const DEFAULT_LIMITS: Partial<Record<ExpectationKind, number>> = {
  turn_latency_p95: 800,
  caller_cer: 0.1,
  cost: 0.5,
};

export function newExpectationDraft(kind: ExpectationKind = "tool_called"): ExpectationDraft {
  return {
    kind,
    tool: "schedule_appointment",
    argumentsJson: "",
    requested: true,
    limit: DEFAULT_LIMITS[kind] ?? "",
  };
}

export function emptyDraft(): ScenarioDraft {
  return {
    name: "",
    description: "",
    callerNumber: "+81",
    steps: [
      { speaker: "agent", say: "" },
      { speaker: "caller", say: "", pauseMs: 400, interruptAfterMs: "" },
    ],
    expectations: [],
  };
}

export function toDraft(scenario: TestScenario): ScenarioDraft {
  return {
    name: scenario.name,
    description: scenario.description,
    callerNumber: scenario.callerNumber,
    steps: scenario.steps.map(stepDraft),
    expectations: scenario.expectations.map(expectationDraft),
  };
}

function stepDraft(step: ScenarioStep): StepDraft {
  switch (step.speaker) {
    case "caller":
      return { ...step, interruptAfterMs: step.interruptAfterMs ?? "" };
    case "tool":
      return { speaker: "tool", name: step.name, argumentsJson: JSON.stringify(step.arguments) };
    default:
      return step;
  }
}

function expectationDraft(expectation: Expectation): ExpectationDraft {
  const draft = newExpectationDraft(expectation.kind);
  switch (expectation.kind) {
    case "tool_called":
    case "tool_not_called":
      return {
        ...draft,
        tool: expectation.tool,
        argumentsJson: expectation.arguments ? JSON.stringify(expectation.arguments) : "",
      };
    case "handoff":
      return { ...draft, requested: expectation.requested };
    case "turn_latency_p95":
      return { ...draft, limit: expectation.maxMs };
    case "caller_cer":
      return { ...draft, limit: expectation.max };
    case "cost":
      return { ...draft, limit: expectation.maxUsd };
    default:
      return draft;
  }
}

const JSON_ERROR = Symbol("json");

function parseObject(text: string): Record<string, unknown> | undefined | typeof JSON_ERROR {
  if (text.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : JSON_ERROR;
  } catch {
    return JSON_ERROR;
  }
}

/**
 * The draft as the api's input, validated by the api's own schema. Errors are keyed by field path
 * ("steps.1.say", "expectations.0.tool"); `jsonError` is shown where JSON text does not parse.
 */
export function validateDraft(
  draft: ScenarioDraft,
  messages: { jsonError: string; labels: Record<string, string> },
): { input: TestScenario; errors: null } | { input: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const steps = draft.steps.map((step, index) => {
    if (step.speaker === "caller") {
      return {
        speaker: "caller" as const,
        say: step.say,
        pauseMs: Number(step.pauseMs === "" ? 0 : step.pauseMs),
        ...(step.interruptAfterMs === "" ? {} : { interruptAfterMs: Number(step.interruptAfterMs) }),
      };
    }
    if (step.speaker === "tool") {
      const args = parseObject(step.argumentsJson);
      if (args === JSON_ERROR) errors[`steps.${index}.arguments`] = messages.jsonError;
      return {
        speaker: "tool" as const,
        name: step.name,
        arguments: args === JSON_ERROR ? {} : (args ?? {}),
      };
    }
    return step;
  });
  const expectations = draft.expectations.map((e, index) => {
    switch (e.kind) {
      case "tool_called":
      case "tool_not_called": {
        const args = parseObject(e.argumentsJson);
        if (args === JSON_ERROR) errors[`expectations.${index}.arguments`] = messages.jsonError;
        return { kind: e.kind, tool: e.tool, ...(args && args !== JSON_ERROR ? { arguments: args } : {}) };
      }
      case "handoff":
        return { kind: e.kind, requested: e.requested };
      case "turn_latency_p95":
        return { kind: e.kind, maxMs: Number(e.limit) };
      case "caller_cer":
        return { kind: e.kind, max: Number(e.limit) };
      case "cost":
        return { kind: e.kind, maxUsd: Number(e.limit) };
      default:
        return { kind: e.kind };
    }
  });
  const candidate: TestScenarioInput = { ...draft, steps, expectations } as TestScenarioInput;
  const parsed = testScenarioInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const translated = validationMessages(parsed.error, messages.labels);
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      // The schema's own sentences (an unknown tool, no caller line) are already Japanese and exact.
      errors[path] ??= issue.code === "custom" ? issue.message : (translated[path] ?? issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { input: null, errors };
  return { input: parsed.data, errors: null };
}
