import { z } from "zod";

/**
 * A simulated call, as a script both simulators follow: the GA simulator answers each response
 * with the next agent step, the caller simulator speaks each caller step.
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

export const scenarioSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string(),
  /** The caller's number, e.g. to exercise customer lookup. */
  from: z.string().default("+819011112222"),
  steps: z.array(scenarioStepSchema).min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Text of the agent's reply when the script has no more agent steps. */
export const FALLBACK_AGENT_LINE = "かしこまりました。ほかにご用件はございますか。";

/** Text of the agent's reply when the script calls a tool the session does not offer. */
export const NO_TOOL_AGENT_LINE = "申し訳ございません、ただいまその手続きはこちらでは承れません。";
