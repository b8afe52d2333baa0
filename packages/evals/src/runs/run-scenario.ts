import { type Expectation, expectationsSchema, type ScenarioStep, scenarioStepsSchema } from "@koe/shared";
import type { Scenario } from "@koe/sim";
import { z } from "zod";

/** A scenario as a run plays it: copied into the run when it starts, so later edits do not change it. */
export type RunScenario = {
  id: string;
  name: string;
  callerNumber: string;
  steps: ScenarioStep[];
  expectations: Expectation[];
};

export const runScenariosSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    callerNumber: z.string(),
    steps: scenarioStepsSchema,
    expectations: expectationsSchema,
  }),
);

/** The script the simulators follow for this scenario: the caller's number and its steps. */
export function simulatorScenario(scenario: RunScenario): Scenario {
  return {
    name: "test-scenario",
    description: scenario.name,
    from: scenario.callerNumber,
    steps: scenario.steps,
  };
}

/** The caller's lines as one reference text, what the caller's transcription is compared with. */
export function callerScript(scenario: RunScenario): string {
  return scenario.steps.flatMap((step) => (step.speaker === "caller" ? [step.say] : [])).join("");
}

/** Two calls of a scenario that books would take the same slot: such a scenario plays one call at a time. */
export function booksAppointments(scenario: RunScenario): boolean {
  return (
    scenario.steps.some((step) => step.speaker === "tool" && step.name === "schedule_appointment") ||
    scenario.expectations.some(
      (e) =>
        e.kind === "appointment_created" || (e.kind === "tool_called" && e.tool === "schedule_appointment"),
    )
  );
}
