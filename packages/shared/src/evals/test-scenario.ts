import { z } from "zod";
import { TOOL_NAMES } from "../tools/tool-arguments.ts";
import { scenarioStepSchema } from "./scenario-steps.ts";

/** The functions an agent can call; an expectation or a scripted tool call may name only these. */
export const KNOWN_TOOLS: readonly string[] = Object.values(TOOL_NAMES);

const toolName = z.string().trim().min(1).max(64);
/** Arguments an expectation requires: each given one must match; the call may have more. */
const requiredArguments = z.record(z.string(), z.unknown()).optional();

/** What must hold for each call of a scenario; each is checked per call and gets a reason. */
export const expectationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("tool_called"), tool: toolName, arguments: requiredArguments }),
  z.object({ kind: z.literal("tool_not_called"), tool: toolName, arguments: requiredArguments }),
  z.object({ kind: z.literal("appointment_created") }),
  z.object({ kind: z.literal("handoff"), requested: z.boolean() }),
  z.object({ kind: z.literal("completed_without_operator") }),
  z.object({ kind: z.literal("turn_latency_p95"), maxMs: z.number().int().positive().max(60_000) }),
  /** Character error rate of the caller's transcription against the script, as a fraction. */
  z.object({ kind: z.literal("caller_cer"), max: z.number().min(0).max(1) }),
  z.object({ kind: z.literal("cost"), maxUsd: z.number().positive().max(100) }),
]);
export type Expectation = z.infer<typeof expectationSchema>;
export type ExpectationKind = Expectation["kind"];

const e164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "電話番号は E.164 形式で入力してください (例: +819012345678)");

function unknownToolMessage(name: string): string {
  return `ツール「${name}」はこのエージェントにありません。使えるツール: ${KNOWN_TOOLS.join("、")}`;
}

/**
 * A test scenario as an admin writes it: the call's steps (the caller's lines with pauses and
 * barge-ins, and the agent turns between them), the caller's number (a known customer's or not)
 * and the expectations. A tool the agent does not have is refused with a Japanese message.
 */
export const testScenarioInputSchema = z
  .object({
    name: z.string().trim().min(1, "名前を入力してください").max(100),
    description: z.string().trim().max(1000).default(""),
    callerNumber: e164,
    steps: z
      .array(scenarioStepSchema)
      .min(1)
      .max(100)
      .refine((steps) => steps.some((step) => step.speaker === "caller"), {
        message: "お客様の発話を少なくとも1つ入れてください",
      }),
    expectations: z.array(expectationSchema).max(30),
  })
  .superRefine((scenario, ctx) => {
    scenario.expectations.forEach((expectation, index) => {
      if ("tool" in expectation && !KNOWN_TOOLS.includes(expectation.tool)) {
        ctx.addIssue({
          code: "custom",
          path: ["expectations", index, "tool"],
          message: unknownToolMessage(expectation.tool),
        });
      }
    });
    scenario.steps.forEach((step, index) => {
      if (step.speaker === "tool" && !KNOWN_TOOLS.includes(step.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", index, "name"],
          message: unknownToolMessage(step.name),
        });
      }
    });
  });
export type TestScenarioInput = z.input<typeof testScenarioInputSchema>;
export type TestScenario = z.infer<typeof testScenarioInputSchema>;

/** Stored steps and expectations, read back through the same schemas. */
export const scenarioStepsSchema = z.array(scenarioStepSchema);
export const expectationsSchema = z.array(expectationSchema);
