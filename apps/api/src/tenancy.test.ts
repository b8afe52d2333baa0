import { DEMO } from "@koe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root.ts";
import { type ApiHarness, insertTestAlert, startApiHarness } from "./testing/api-harness.ts";
import { PROCEDURES } from "./testing/tenancy-procedures.ts";

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
