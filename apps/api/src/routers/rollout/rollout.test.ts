import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";

describe("rollout router", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.close());

  it("shows the company's percentage and the global kill switch", async () => {
    const rollout = await h.caller(h.users.operator).rollout.get();
    expect(rollout).toMatchObject({
      realtimePercentage: 100,
      killSwitch: { realtimeEnabled: true },
      changes: [],
    });
    const off = await h.caller(h.users.operator, { realtimeEnabled: false }).rollout.get();
    expect(off.killSwitch.realtimeEnabled).toBe(false);
  });

  it("sets the percentage and records who changed it, when, from what and to what", async () => {
    const admin = h.caller(h.users.admin);
    expect(await admin.rollout.set({ percentage: 25, reason: "段階導入" })).toMatchObject({
      from: 100,
      to: 25,
    });
    await admin.rollout.set({ percentage: 50 });
    const rollout = await admin.rollout.get();
    expect(rollout).toMatchObject({ realtimePercentage: 50, changedBy: { id: h.users.admin.id } });
    expect(rollout.changes.map((c) => [c.before, c.after, c.actor?.id, c.reason])).toEqual([
      [{ realtimePercentage: 25 }, { realtimePercentage: 50 }, h.users.admin.id, null],
      [{ realtimePercentage: 100 }, { realtimePercentage: 25 }, h.users.admin.id, "段階導入"],
    ]);
    expect(Date.parse(rollout.changes[0]?.createdAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
  });

  it("refuses a percentage outside 0–100", async () => {
    for (const percentage of [-1, 101, 12.5]) {
      await expect(h.caller(h.users.admin).rollout.set({ percentage })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
  });

  it("sets the guardrail's thresholds, shows them, and records who changed them from what to what", async () => {
    const admin = h.caller(h.users.admin);
    expect((await h.caller(h.users.operator).rollout.get()).guardrail).toEqual({
      enabled: false,
      windowMinutes: 15,
      maxErrorRate: null,
      maxP95LatencyMs: null,
    });
    const set = await admin.rollout.setGuardrail({
      enabled: true,
      windowMinutes: 10,
      maxErrorRate: 0.05,
      maxP95LatencyMs: 1200,
      reason: "段階導入の安全装置",
    });
    expect(set.to).toEqual({ enabled: true, windowMinutes: 10, maxErrorRate: 0.05, maxP95LatencyMs: 1200 });
    // What is left out stays; null turns a threshold off.
    await admin.rollout.setGuardrail({ maxErrorRate: null });
    const rollout = await h.caller(h.users.operator).rollout.get();
    expect(rollout.guardrail).toEqual({
      enabled: true,
      windowMinutes: 10,
      maxErrorRate: null,
      maxP95LatencyMs: 1200,
    });
    // The bridge's guardrail reads these columns.
    expect(
      await h.db.prisma.rolloutConfig.findUniqueOrThrow({ where: { companyId: h.users.admin.companyId } }),
    ).toMatchObject({
      guardrailEnabled: true,
      guardrailWindowMinutes: 10,
      guardrailMaxErrorRate: null,
      guardrailMaxP95LatencyMs: 1200,
    });
    const [latest, first] = rollout.changes;
    expect(latest).toMatchObject({
      action: "rollout_guardrail_changed",
      actor: { id: h.users.admin.id },
      before: { guardrail: { maxErrorRate: 0.05 } },
      after: { guardrail: { maxErrorRate: null, maxP95LatencyMs: 1200 } },
    });
    expect(first).toMatchObject({
      action: "rollout_guardrail_changed",
      reason: "段階導入の安全装置",
      before: { guardrail: { enabled: false, windowMinutes: 15, maxErrorRate: null, maxP95LatencyMs: null } },
      after: { guardrail: { enabled: true, windowMinutes: 10, maxErrorRate: 0.05, maxP95LatencyMs: 1200 } },
    });
    // The percentage's last change is the percentage's: the guardrail window is not reset.
    expect(rollout.realtimePercentage).toBe(50);
  });

  it("refuses guardrail settings out of range, an empty change, and an enabled guardrail with no threshold", async () => {
    const admin = h.caller(h.users.admin);
    for (const input of [
      { maxErrorRate: 1.5 },
      { maxErrorRate: 0 },
      { maxP95LatencyMs: 10 },
      { windowMinutes: 0 },
      { windowMinutes: 2.5 },
      {},
      { reason: "なし" },
    ]) {
      await expect(admin.rollout.setGuardrail(input)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(admin.rollout.setGuardrail({ maxP95LatencyMs: null })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("needs a maximum"),
    });
    await admin.rollout.setGuardrail({ enabled: false, maxP95LatencyMs: null });
    expect((await admin.rollout.get()).guardrail).toMatchObject({ enabled: false, maxP95LatencyMs: null });
  });

  it("sets the yen per dollar costs are shown at, which the session hands to every page", async () => {
    const admin = h.caller(h.users.admin);
    expect((await admin.session.me())?.company?.usdJpyRate).toBe(150);
    expect(await admin.rollout.setExchangeRate({ usdJpyRate: 148.255 })).toEqual({ usdJpyRate: 148.26 });
    expect((await h.caller(h.users.operator).session.me())?.company?.usdJpyRate).toBe(148.26);
    for (const usdJpyRate of [0, -150, 49, 501, Number.NaN]) {
      await expect(admin.rollout.setExchangeRate({ usdJpyRate })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    await expect(
      h.caller(h.users.operator).rollout.setExchangeRate({ usdJpyRate: 140 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
