import { FALLBACK_AGENT_LINE, type Scenario } from "../scenarios/scenario.ts";
import type { ResponsePlan } from "./response-streamer.ts";

/**
 * A scenario as one session plays it: the agent's lines and tool calls in order, one per response,
 * and the caller's lines in order, one per committed turn. Past the script's end the agent says a
 * fallback line and the caller 「はい。」.
 */
export class ScenarioScript {
  private readonly agent;
  private readonly caller;
  private agentCursor = 0;
  private callerCursor = 0;

  constructor(scenario: Scenario) {
    this.agent = scenario.steps.filter((s) => s.speaker === "agent" || s.speaker === "tool");
    this.caller = scenario.steps.filter((s) => s.speaker === "caller");
  }

  nextAgentPlan(): ResponsePlan {
    const step = this.agent[this.agentCursor++];
    return step?.speaker === "tool"
      ? { kind: "tool", name: step.name, arguments: JSON.stringify(step.arguments) }
      : { kind: "say", text: step?.speaker === "agent" ? step.say : FALLBACK_AGENT_LINE };
  }

  nextCallerLine(): string {
    const step = this.caller[this.callerCursor++];
    return step?.speaker === "caller" ? step.say : "はい。";
  }
}
