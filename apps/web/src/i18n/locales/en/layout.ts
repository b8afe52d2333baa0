import type { Translation } from "../../translation.ts";
import type { layout as source } from "../ja/layout.ts";

export const layout: Translation<typeof source> = {
  nav: {
    overview: { label: "Overview", description: "Calls, outcomes, latency and cost over time" },
    monitor: { label: "Live monitor", description: "Calls in progress" },
    calls: { label: "Call history", description: "Past calls and quality" },
    search: { label: "Transcript search", description: "Find what was said" },
    salesPitch: { label: "Sales pitch", description: "The agent's conversation" },
    rollout: { label: "Rollout", description: "Engine switch and metrics" },
    evals: { label: "Evaluation", description: "Test scenarios and evaluation runs" },
  },
  notificationSound: {
    on: { label: "Sound on", hint: "A chime sounds when the AI asks for an operator. Click to mute." },
    off: { label: "Sound off", hint: "Handoff chimes are muted. Click to turn them on." },
    blocked: {
      label: "Enable sound",
      hint: "The browser plays no sound until the page has been clicked. Click to enable the handoff chime.",
    },
  },
  serverUnavailable: {
    title: "Cannot reach the server",
    body: "Koe's API server is not responding. Please try again in a moment.",
    retry: "Retry",
  },
};
