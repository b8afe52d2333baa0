import type { CallJournal } from "../events/call-journal.ts";
import { type CallAction, parseToolArguments, type ToolRegistry } from "../tools/tool-registry.ts";
import type { CallIdentity } from "./call-identity.ts";

/**
 * Runs one function call the model made and records the call and its result in the event log.
 * Returns the `output` for the `function_call_output` item (the tool's result, or `{ error }`),
 * and what the tool asks the call to do next, if anything.
 */
export async function runToolCall(
  deps: {
    tools: ToolRegistry;
    journal: CallJournal;
    call: CallIdentity;
    leavingAs(action: CallAction): () => void;
  },
  request: { callId: string; name: string; argumentsJson: string },
): Promise<{ output: string; endCall?: CallAction }> {
  const { callId, name, argumentsJson } = request;
  const args = parseToolArguments(argumentsJson);
  // Arguments that are not JSON are recorded as given; the registry answers the model with the error.
  deps.journal.event(deps.call, "tool_call", { callId, name, arguments: args.ok ? args.json : args.raw });
  const started = performance.now();
  const outcome = await deps.tools.run(name, args, {
    callSid: deps.call.callSid,
    callSessionId: deps.call.id,
    companyId: deps.call.companyId,
    agentId: deps.call.agentId,
    customerNumber: deps.call.customerNumber,
    isTest: deps.call.isTest,
    leavingAs: deps.leavingAs,
  });
  deps.journal.event(deps.call, "tool_result", {
    callId,
    name,
    ok: outcome.ok,
    output: outcome.ok ? outcome.output : outcome.error,
    durationMs: Math.round(performance.now() - started),
  });
  const endCall = outcome.ok ? outcome.action : undefined;
  let output: string;
  try {
    output = JSON.stringify(outcome.ok ? (outcome.output ?? null) : { error: outcome.error });
  } catch {
    output = JSON.stringify({ error: `${name} returned a result that cannot be sent to the model.` });
  }
  return endCall ? { output, endCall } : { output };
}
