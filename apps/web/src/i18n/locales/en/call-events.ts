import type { Translation } from "../../translation.ts";
import type { callEvents as source } from "../ja/call-events.ts";

export const callEvents: Translation<typeof source> = {
  empty: "Nothing has been said yet.",
  speaker: { agent: "AI agent", caller: "Caller" },
  truncated: "(cut off by a barge-in)",
  turnLatency: "Turn {{turn}}: {{ms}} ms",
  tool: {
    call: "Tool call",
    result: "Tool result",
    succeeded: "Succeeded ({{ms}} ms): {{output}}",
    failed: "Failed ({{ms}} ms): {{output}}",
  },
  note: {
    bargeIn: "Barge-in",
    handoff: "Handoff",
    status: "Status",
    error: "Error",
    alert: "Alert",
    dtmf: "Keypad",
  },
  bargeIn:
    "The caller started speaking, so the agent stopped at {{audioEndMs}} ms (reacted in {{reactionMs}} ms)",
  handoffFailed: " (failed)",
  dtmf: "Pressed {{digit}}",
  errorSource: {
    openai: "OpenAI",
    twilio: "Twilio",
    bridge: "Bridge",
    tool: "Tool",
    database: "Database",
  },
  type: {
    transcript: "Speech",
    tool_call: "Tool call",
    tool_result: "Tool result",
    handoff: "Handoff",
    barge_in: "Barge-in",
    turn_latency: "Latency",
    usage: "Usage",
    status: "Status",
    error: "Error",
    alert: "Alert",
    dtmf: "Keypad",
  },
  timeline: { time: "Time", type: "Type", content: "Details" },
};
