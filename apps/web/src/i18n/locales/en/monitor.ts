import type { Translation } from "../../translation.ts";
import type { monitor as source } from "../ja/monitor.ts";

export const monitor: Translation<typeof source> = {
  title: "Live monitor",
  description: "Calls in progress, as they happen. Hand a call to an operator when needed.",
  connected: "Live",
  connecting: "Connecting…",
  activeCalls: "Calls in progress ({{calls}})",
  choose: "Choose a call to follow its conversation live.",
  list: {
    empty: "No calls in progress.",
    emptyHint: "Calls appear here as soon as they start.",
    aiHandoff: "AI asks for handoff",
    handedOff: "Handed off",
  },
  panel: {
    call: "Call",
    ended: "This call has ended.",
    details: "View call details",
    aiHandoffTitle: "The AI asked for an operator",
    aiHandoffBody: "The caller is being transferred to the operator line. Please take over.",
    elapsed: "Elapsed",
    turns: "Turns",
    lastLatency: "Last response",
    averageLatency: "Avg. response",
    bargeIns: "Barge-ins: {{times}}",
  },
  takeOver: {
    button: "Hand to operator",
    confirmTitle: "Hand this call to an operator?",
    confirmBody: "The AI leaves the call and the caller is connected to the company's operator line.",
    reason: "Reason (optional)",
    reasonPlaceholder: "e.g. a complex question about pricing",
    defaultReason: "Taken over by an operator",
    confirm: "Hand over",
    doneTitle: "Handed over",
    doneMessage: "The call was transferred to {{target}}.",
    failedTitle: "Could not hand over",
    conflict: "This call has already ended or been handed to an operator.",
    noTwilio: "Cannot transfer: Twilio credentials are not configured.",
  },
  handoffAlert: {
    title: "The AI is asking for an operator",
    message: "Call from {{from}} ({{agent}}). Take it over in the live monitor.",
  },
};
