import { z } from "zod";

/**
 * One step of a scripted call, shared by the simulators and the test scenarios: the caller
 * simulator speaks each caller step and waits for each agent turn; the GA simulator (standing in
 * for OpenAI) says each agent step and makes each tool call. Against the real API only the caller
 * steps are played, and an agent step is where the caller waits for the agent's answer.
 */
export const scenarioStepSchema = z.discriminatedUnion("speaker", [
  z.object({
    speaker: z.literal("agent"),
    /** What the agent says (becomes audio and its transcript). */
    say: z.string().min(1),
  }),
  z.object({
    speaker: z.literal("tool"),
    /** A function the agent calls; the next agent step answers after the client returns the output. */
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
    arguments: z.record(z.string(), z.unknown()),
  }),
  z.object({
    speaker: z.literal("caller"),
    /** What the caller says: the transcript the simulator reports for the caller's audio. */
    say: z.string().min(1),
    /** Silence before speaking, after the agent's audio has finished playing. */
    pauseMs: z.number().int().min(0).default(400),
    /** Barge in: start speaking this long after the agent's audio starts playing, not after it ends. */
    interruptAfterMs: z.number().int().min(0).optional(),
  }),
  z.object({
    speaker: z.literal("dtmf"),
    digits: z.string().regex(/^[0-9*#]+$/),
  }),
]);
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;
export type ScenarioStepInput = z.input<typeof scenarioStepSchema>;
