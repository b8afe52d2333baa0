import type { ApiHarness, Caller } from "./api-harness.ts";

type Target = ApiHarness["other"];

const SCENARIO = {
  name: "乗っ取り",
  callerNumber: "+819011112222",
  steps: [{ speaker: "caller" as const, say: "もしもし" }],
  expectations: [],
};

/**
 * Every procedure of the api (tenancy.test.ts checks that none is missing), called by a user of
 * the demo company against the other company's rows. `refused`: it must throw; `own`: it acts on
 * the caller's own company only (the check says none of the other company's rows came back);
 * `public`: no user needed.
 */
export const PROCEDURES: Record<
  string,
  {
    access: "public" | "signed-in" | "admin";
    tenancy: "refused" | "own";
    call: (c: Caller, t: Target) => Promise<unknown>;
  }
> = {
  "health.check": { access: "public", tenancy: "own", call: (c) => c.health.check() },
  "session.me": { access: "public", tenancy: "own", call: (c) => c.session.me() },
  "salesPitch.list": { access: "signed-in", tenancy: "own", call: (c) => c.salesPitch.list() },
  "salesPitch.byId": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.salesPitch.byId({ agentId: t.agentId }),
  },
  "salesPitch.updateConversationSettings": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) =>
      c.salesPitch.updateConversationSettings({
        agentId: t.agentId,
        conversationSettings: {
          companyName: "乗っ取り",
          greeting: "x",
          fallbackMessage: "x",
          transferMessage: "x",
          closingMessage: "x",
        },
      }),
  },
  "salesPitch.realtimeSettings": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.salesPitch.realtimeSettings({ agentId: t.agentId }),
  },
  "salesPitch.updateRealtimeSettings": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) => c.salesPitch.updateRealtimeSettings({ agentId: t.agentId, settings: { voice: "ash" } }),
  },
  "salesPitch.saveSettings": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) =>
      c.salesPitch.saveSettings({ agentId: t.agentId, realtimeSettings: { voice: "ash" }, note: "乗っ取り" }),
  },
  "salesPitch.versions": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.salesPitch.versions({ agentId: t.agentId }),
  },
  "salesPitch.version": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.salesPitch.version({ agentId: t.agentId, version: 1 }),
  },
  "salesPitch.restoreVersion": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) => c.salesPitch.restoreVersion({ agentId: t.agentId, version: 1 }),
  },
  "salesPitch.convertLegacy": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.salesPitch.convertLegacy({ agentId: t.agentId }),
  },
  "salesPitch.voicePreview": {
    access: "signed-in",
    tenancy: "own",
    call: (c) => c.salesPitch.voicePreview({ voice: "marin" }),
  },
  "salesPitch.createTestCallSecret": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) => c.salesPitch.createTestCallSecret({ agentId: t.agentId }),
  },
  "rollout.get": { access: "signed-in", tenancy: "own", call: (c) => c.rollout.get() },
  "rollout.set": { access: "admin", tenancy: "own", call: (c) => c.rollout.set({ percentage: 7 }) },
  "rollout.setGuardrail": {
    access: "admin",
    tenancy: "own",
    call: (c) => c.rollout.setGuardrail({ enabled: true, maxP95LatencyMs: 900 }),
  },
  "rollout.setExchangeRate": {
    access: "admin",
    tenancy: "own",
    call: (c) => c.rollout.setExchangeRate({ usdJpyRate: 152.5 }),
  },
  "rollout.setAnalysisModel": {
    access: "admin",
    tenancy: "own",
    call: (c) => c.rollout.setAnalysisModel({ analysisModel: "gpt-5-nano" }),
  },
  "calls.list": { access: "signed-in", tenancy: "own", call: (c) => c.calls.list({ limit: 100 }) },
  "calls.customers": { access: "signed-in", tenancy: "own", call: (c) => c.calls.customers() },
  "calls.byId": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.calls.byId({ callId: t.callId }),
  },
  "calls.rate": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.calls.rate({ callId: t.callId, rating: 1 }),
  },
  "calls.retryAnalysis": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.calls.retryAnalysis({ callId: t.callId }),
  },
  "calls.takeOver": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.calls.takeOver({ callId: t.callId }),
  },
  "calls.place": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.calls.place({ agentId: t.agentId, to: "+819033334444" }),
  },
  "metrics.summary": {
    access: "signed-in",
    tenancy: "own",
    call: (c) => c.metrics.summary({ from: "2020-01-01T00:00:00Z", to: "2020-12-31T00:00:00Z" }),
  },
  "overview.get": {
    access: "signed-in",
    tenancy: "own",
    call: (c) =>
      c.overview.get({
        from: "2020-01-01T00:00:00Z",
        to: "2020-12-31T00:00:00Z",
        bucket: "day",
        includeTests: true,
      }),
  },
  "transcripts.search": {
    access: "signed-in",
    tenancy: "own",
    call: (c) => c.transcripts.search({ query: "予約" }),
  },
  "live.activeCalls": { access: "signed-in", tenancy: "own", call: (c) => firstOf(c.live.activeCalls({})) },
  "live.alerts": { access: "signed-in", tenancy: "own", call: (c) => firstOf(c.live.alerts({})) },
  "alerts.list": { access: "signed-in", tenancy: "own", call: (c) => c.alerts.list({}) },
  "alerts.acknowledge": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.alerts.acknowledge({ alertId: t.alertId }),
  },
  "evals.scenarios": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.evals.scenarios({ agentId: t.agentId }),
  },
  "evals.createScenario": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) => c.evals.createScenario({ agentId: t.agentId, scenario: SCENARIO }),
  },
  "evals.updateScenario": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) => c.evals.updateScenario({ scenarioId: t.scenarioId, scenario: SCENARIO }),
  },
  "evals.deleteScenario": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) => c.evals.deleteScenario({ scenarioId: t.scenarioId }),
  },
  "evals.runOptions": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.evals.runOptions({ agentId: t.agentId }),
  },
  "evals.runs": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.evals.runs({ agentId: t.agentId }),
  },
  "evals.run": { access: "signed-in", tenancy: "refused", call: (c, t) => c.evals.run({ runId: t.runId }) },
  "evals.startRun": {
    access: "admin",
    tenancy: "refused",
    call: (c, t) => c.evals.startRun({ agentId: t.agentId, calls: 1 }),
  },
  "evals.compare": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => c.evals.compare({ a: t.runId, b: t.runId }),
  },
  "evals.rolloutGate": { access: "signed-in", tenancy: "own", call: (c) => c.evals.rolloutGate() },
  "live.callEvents": {
    access: "signed-in",
    tenancy: "refused",
    call: (c, t) => firstOf(c.live.callEvents({ callId: t.callId })),
  },
};

/** A subscription's first message (its errors surface there), then it is closed. */
async function firstOf(subscription: Promise<AsyncIterable<unknown>>): Promise<unknown> {
  for await (const message of await subscription) return message;
  return undefined;
}
