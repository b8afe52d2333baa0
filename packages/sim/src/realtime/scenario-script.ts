import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import { FALLBACK_AGENT_LINE, NO_TOOL_AGENT_LINE, type Scenario } from "../scenarios/scenario.ts";
import type { ResponsePlan } from "./response-streamer.ts";

/** The tools a response may call: the session's, or the `response.create` overrides. */
export type ToolOffer = Pick<RealtimeSessionCreateRequest, "tools" | "tool_choice">;

/** The function names a model may call under this offer, and the one it must call, if any. */
function callable(offer: ToolOffer): { allowed: string[]; forced: string | null } {
  const declared = (offer.tools ?? []).flatMap((t) => (t.type === "function" && t.name ? [t.name] : []));
  const choice = offer.tool_choice ?? "auto";
  if (choice === "none") return { allowed: [], forced: null };
  if (choice === "required") return { allowed: declared, forced: declared[0] ?? null };
  if (typeof choice === "object" && choice.type === "function") {
    const named = declared.includes(choice.name) ? choice.name : null;
    return { allowed: named ? [named] : [], forced: named };
  }
  return { allowed: declared, forced: null };
}

/**
 * A scenario as one session plays it: the agent's lines and tool calls in order, one per response,
 * and the caller's lines in order, one per committed turn. Past the script's end the agent says a
 * fallback line and the caller 「はい。」. Tools come only from what the session offers, as with a
 * model: a scripted call of a tool not offered is answered in speech (`withheld`), and a choice that
 * forces a call makes one (with empty arguments when the script has none for it).
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

  nextAgentPlan(offer: ToolOffer): { plan: ResponsePlan; withheld: boolean } {
    const { allowed, forced } = callable(offer);
    const step = this.agent[this.agentCursor];
    if (step?.speaker === "tool") {
      this.agentCursor++;
      if (allowed.includes(step.name)) {
        return {
          plan: { kind: "tool", name: step.name, arguments: JSON.stringify(step.arguments) },
          withheld: false,
        };
      }
      if (forced) return { plan: { kind: "tool", name: forced, arguments: "{}" }, withheld: true };
      return { plan: { kind: "say", text: NO_TOOL_AGENT_LINE }, withheld: true };
    }
    // A forced call comes before the scripted line, which stays for the next response.
    if (forced) return { plan: { kind: "tool", name: forced, arguments: "{}" }, withheld: false };
    this.agentCursor++;
    return {
      plan: { kind: "say", text: step?.speaker === "agent" ? step.say : FALLBACK_AGENT_LINE },
      withheld: false,
    };
  }

  nextCallerLine(): string {
    const step = this.caller[this.callerCursor++];
    return step?.speaker === "caller" ? step.say : "はい。";
  }
}
