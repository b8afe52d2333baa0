import type { Translation } from "../../translation.ts";
import type { labels as source } from "../ja/labels.ts";

export const labels: Translation<typeof source> = {
  engine: { realtime: "Realtime API", legacy: "Legacy engine", pending: "Awaiting answer" },
  status: {
    initiated: "Dialing",
    ringing: "Ringing",
    active: "In progress",
    completed: "Completed",
    busy: "Busy",
    no_answer: "No answer",
    failed: "Failed",
    canceled: "Canceled",
    interrupted: "Interrupted",
  },
  direction: { inbound: "Inbound", outbound: "Outbound" },
  handoffBy: { ai: "AI's decision", operator: "Operator", fallback: "Automatic on failure" },
  role: { admin: "Admin", operator: "Operator" },
  outcome: {
    booked: "Booked",
    rescheduled: "Rescheduled",
    cancelled: "Cancelled",
    info_provided: "Information given",
    handed_off: "Handed off",
    caller_dropped: "Caller dropped",
    voicemail: "Voicemail",
    other: "Other",
    none: "Not analysed",
  },
  sentiment: { positive: "Positive", neutral: "Neutral", negative: "Negative" },
  testCall: {
    label: "Test",
    hint: "A test call of an evaluation run (left out of the rollout metrics and the guardrail)",
  },
};
