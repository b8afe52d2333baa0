import { DEMO } from "@koe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root.ts";
import { type ApiHarness, type Caller, insertTestAlert, startApiHarness } from "./testing/api-harness.ts";

type Target = ApiHarness["other"];

const SCENARIO = {
  name: "乗っ取り",
  callerNumber: "+819011112222",
  steps: [{ speaker: "caller" as const, say: "もしもし" }],
  expectations: [],
};

/**
 * Every procedure, called by a user of the demo company against the other company's rows.
 * `refused`: it must throw; `own`: it acts on the caller's own company only (the check says
 * none of the other company's rows came back); `public`: no user needed.
 */
const PROCEDURES: Record<
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

describe("tenancy and roles: every procedure", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
    // Something for live.alerts to send first: the demo company's own alert.
    await insertTestAlert(h.db, DEMO.companyId);
    // Something of the other company's for the overview and the search to leave out.
    await h.db.prisma.callSession.update({
      where: { id: h.other.callId },
      data: { startedAt: new Date("2020-06-01T00:00:00Z") },
    });
    await h.db.prisma.callEvent.create({
      data: {
        callSessionId: h.other.callId,
        companyId: h.other.companyId,
        type: "transcript",
        payload: { role: "caller", text: "予約をお願いします。", truncated: false },
        occurredAt: new Date("2020-06-01T00:00:10Z"),
      },
    });
  });
  afterAll(() => h.close());

  it("is listed here, so a new procedure cannot skip this test", () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(PROCEDURES).sort());
  });

  it.each(Object.entries(PROCEDURES).filter(([, p]) => p.access !== "public"))(
    "%s refuses a signed-out caller",
    async (_path, procedure) => {
      await expect(procedure.call(h.caller(null), h.other)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    },
  );

  it.each(Object.entries(PROCEDURES).filter(([, p]) => p.access === "admin"))(
    "%s refuses an operator (admins only)",
    async (_path, procedure) => {
      const own = { ...h.other, companyId: DEMO.companyId, agentId: DEMO.agentId };
      await expect(procedure.call(h.caller(h.users.operator), own)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    },
  );

  it.each(Object.entries(PROCEDURES).filter(([, p]) => p.tenancy === "refused"))(
    "%s refuses another company's admin and operator",
    async (_path, procedure) => {
      for (const user of [h.users.admin, h.users.operator]) {
        await expect(procedure.call(h.caller(user), h.other)).rejects.toMatchObject({
          code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/),
        });
      }
    },
  );

  it.each(Object.entries(PROCEDURES).filter(([, p]) => p.tenancy === "own"))(
    "%s shows and changes only the caller's own company",
    async (_path, procedure) => {
      const result = await procedure.call(h.caller(h.users.admin), h.other);
      const text = JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
      for (const id of [h.other.companyId, h.other.agentId, h.other.callId, h.other.runId])
        expect(text).not.toContain(id);
    },
  );

  it("left the other company's rows as they were", async () => {
    const agent = await h.db.prisma.agent.findUniqueOrThrow({ where: { id: h.other.agentId } });
    expect(agent.conversationSettings).toMatchObject({ companyName: "デモ株式会社" });
    expect(agent.realtimeSettings).toMatchObject({ voice: "marin" });
    const versions = await h.db.prisma.agentVersion.findMany({ where: { agentId: h.other.agentId } });
    expect(versions.map((v) => [v.version, v.note])).toEqual([[1, "他社の版"]]);
    expect(agent.currentVersionId).toBe(versions[0]?.id);
    const call = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: h.other.callId } });
    expect(call).toMatchObject({ rating: null, handoffAt: null });
    const alert = await h.db.prisma.operatorAlert.findUniqueOrThrow({
      where: { id: BigInt(h.other.alertId) },
    });
    expect(alert).toMatchObject({ acknowledgedAt: null, acknowledgedById: null });
    expect(h.twilio.requests).toEqual([]);
    expect(
      await h.db.prisma.rolloutConfig.findUnique({ where: { companyId: h.other.companyId } }),
    ).toBeNull();
    const scenario = await h.db.prisma.testScenario.findUniqueOrThrow({ where: { id: h.other.scenarioId } });
    expect(scenario.name).toBe("他社のシナリオ");
    expect(await h.db.prisma.testScenario.count({ where: { companyId: h.other.companyId } })).toBe(1);
    expect(await h.db.prisma.evalRun.count({ where: { companyId: h.other.companyId } })).toBe(1);
    const other = await h.db.prisma.company.findUniqueOrThrow({ where: { id: h.other.companyId } });
    expect(other.usdJpyRate.toNumber()).toBe(150);
    expect(other.analysisModel).toBe("gpt-5-mini");
    expect(
      await h.db.prisma.callAnalysis.findUnique({ where: { callSessionId: h.other.callId } }),
    ).toBeNull();
  });
});
