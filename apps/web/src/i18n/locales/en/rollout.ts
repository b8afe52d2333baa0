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
    title: "Kill switch (emergency stop)",
    on: "Realtime API on",
    off: "Realtime API stopped",
    onBody:
      "The new AI (Realtime API) is available. New calls go to it or to the legacy engine by the rollout percentage below.",
    offBody:
      "The new AI (Realtime API) is stopped. Whatever the rollout percentage, every new call is answered by the legacy engine.",
    what: "When something goes wrong, this stops the new AI for every agent at once and sends all calls back to the legacy engine. Calls in progress are not cut; the change applies from the next call.",
    who: "So that it cannot be stopped by a slip, it is not switched from this screen. Only the system administrators who run Koe's servers can switch it (they change the server setting and restart). Contact them when it is needed.",
  },
  guardrail: {
    title: "Automatic rollback (guardrail)",
    description:
      "If calls on the new AI (Realtime API) keep running into trouble, the rollout percentage goes back to 0 % automatically and every new call goes to the legacy engine.",
    enabled: "Roll back automatically",
    window: "Period measured",
    windowDescription: "Judged on the calls of this recent period",
    minutesSuffix: " min",
    maxErrorRate: "Maximum error rate",
    maxErrorRateDescription: "Roll back when more calls than this end in an error (empty: not checked)",
    maxP95: "Maximum response time (P95)",
    maxP95Description: "Roll back when the slowest 5 % of answers take longer than this (empty: not checked)",
    save: "Save guardrail",
    saved: "Guardrail saved",
    failed: "Could not save the guardrail",
    lastRollback: "Last automatic rollback",
    noRollback: "No automatic rollback has happened yet.",
    openAlerts: "Unconfirmed notices ({{count}})",
    acknowledge: "Mark as seen",
    rollback: {
      error_rate:
        "The error rate reached {{value}}, above the limit of {{threshold}} ({{samples}} calls), so the rollout went from {{from}}% to 0%.",
      p95_turn_latency_ms:
        "Response time (P95) reached {{value}}, above the limit of {{threshold}} ({{samples}} turns), so the rollout went from {{from}}% to 0%.",
    },
    budgetExceeded: "This month's budget is spent; new calls are answered as set for going over budget.",
  },
  analysisModel: {
    title: "Call analysis model",
    description:
      "When a call ends, this model reads it and records a summary, the outcome, the caller's sentiment and follow-ups. Its cost is added to the call's.",
    label: "Model",
    done: "The next analyses use {{model}}.",
  },
  exchangeRate: {
    title: "Exchange rate",
    description:
      "Calls are billed in US dollars. Costs in this app are shown in yen at this rate (the dollar amount in brackets).",
    label: "Yen per US dollar",
    invalid: "Enter a rate from ¥{{min}} to ¥{{max}}",
    save: "Save",
    doneTitle: "Exchange rate saved",
    doneMessage: "Costs are now shown at $1 = ¥{{rate}}.",
    failedTitle: "The exchange rate could not be saved",
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
    notMeasured: "Not measured",
    notEnough: "Not enough calls",
    sampleSize: "n = {{count}}",
    scope: {
      bridge_processing_only:
        "※ {{engine}} response time is only Koe's own processing on the server. The phone company's speech recognition and speech synthesis are not included, so it is far shorter than what the caller waits, and cannot be compared with the targets or with the Realtime API.",
      mixed:
        "※ {{engine}} mixes Realtime API and legacy calls. The legacy part is only Koe's own processing, so it cannot be compared with the targets.",
    },
    costNote:
      "Legacy engine cost is not measured (it is the phone company's speech recognition and synthesis charge, which Koe does not receive). It is not zero.",
    rateBasis: {
      outcome:
        "※ {{engine}}: completion and handoff rates come from the call analyses' outcomes ({{analysed}} analysed of {{connected}} connected calls). Complete means booked, rescheduled, cancelled or information given; handoff means handed off.",
      end_reason:
        "※ {{engine}}: completion and handoff rates come from how calls ended ({{connected}} calls; none analysed yet).",
    },
    sampleNote:
      "Figures from fewer than {{min}} calls (turns, for response time) are not judged against the targets: chance decides too much.",
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
