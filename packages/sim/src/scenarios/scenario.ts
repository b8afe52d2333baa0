import { type ScenarioStep, scenarioStepSchema } from "@koe/shared";
import { z } from "zod";

/** A simulated call's steps: the shape lives in @koe/shared, where test scenarios use it too. */
export { type ScenarioStep, scenarioStepSchema };

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
