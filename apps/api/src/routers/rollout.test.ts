import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../testing/api-harness.ts";

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
});
