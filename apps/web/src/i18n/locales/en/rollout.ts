import type { Translation } from "../../translation.ts";
import type { rollout as source } from "../ja/rollout.ts";

export const rollout: Translation<typeof source> = {
  title: "Rollout",
  description: "Move calls to the Realtime API step by step and compare both engines' metrics.",
  percentage: {
    title: "Realtime API rollout",
    description:
      "The share of new calls answered by the Realtime API. Each call is assigned by a fixed bucket, so raising the share keeps calls already included.",
    lastChanged: "Last changed: {{at}} ({{by}})",
    automatic: "automatic",
    custom: "Custom",
    invalid: "Enter a whole number from 0 to 100",
    reason: "Reason (kept in the audit log)",
    reasonPlaceholder: "e.g. a week at 1% without issues",
    submit: "Change rollout",
    confirmTitle: "Change the rollout?",
    confirmBody: "The Realtime API share changes from <b>{{from}}%</b> to <b>{{to}}%</b>.",
    confirmNote:
      "New calls follow the new share; calls in progress are unaffected. The change is audit-logged.",
    confirm: "Change",
    doneTitle: "Rollout changed",
    doneMessage: "{{from}}% → {{to}}% (applies to new calls)",
    failedTitle: "Could not change the rollout",
  },
  killSwitch: {
    title: "Kill switch",
    on: "Realtime API on",
    off: "Realtime API stopped",
    onBody:
      "ENABLE_REALTIME_API is ON on the server. Calls go to the Realtime API according to the rollout below.",
    offBody:
      "ENABLE_REALTIME_API is OFF on the server, so every call is answered by the legacy engine whatever the rollout.",
    note: "It is switched with a server environment variable (for emergencies). Changes apply to new calls.",
  },
  metrics: {
    title: "Metrics by engine",
    description: "Calls started in the period, against the targets",
    periods: { "1": "24 hours", "7": "7 days", "30": "30 days" },
    metric: "Metric",
    target: "Target",
    rows: {
      calls: "Calls",
      avgLatency: "Avg. response time",
      p95Latency: "P95 response time",
      completionRate: "Completion rate",
      handoffRate: "Handoff rate",
      avgCost: "Avg. cost per call",
      accuracy: "Transcription accuracy",
      rating: "Avg. rating",
    },
    ratingValue: "{{rating}} / 5",
    met: "Met",
    missed: "Missed",
    latencyChart: "Response time (ms)",
    latencyTarget: "P95 target {{ms}} ms",
    average: "Average",
    rateChart: "Completion and handoff rates (%)",
  },
  audit: {
    title: "Change history (audit log)",
    empty: "No changes yet.",
    at: "When",
    kind: "Kind",
    change: "Change",
    actor: "Changed by",
    reason: "Reason",
    autoRollback: "Automatic rollback",
    manual: "Manual",
    system: "System",
  },
};
