import type { CallOutcome } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";

const startedAt = new Date("2026-11-02T03:00:00Z");
const period = { from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z" };

describe("completion and handoff rates on the rollout page", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
    const call = (engine: "realtime" | "legacy", outcome: CallOutcome | null, handoff = false) =>
      insertTestCall(h.db.prisma, {
        engine,
        status: "completed",
        startedAt,
        outcome,
        handoffAt: handoff ? startedAt : null,
      });
    // Realtime: three analysed calls, one not yet; its end reasons alone would say 4/4 complete.
    await call("realtime", "booked");
    await call("realtime", "info_provided");
    await call("realtime", "handed_off");
    await call("realtime", null);
    // Legacy: nothing analysed, so the end reasons count.
    await call("legacy", null);
    await call("legacy", null, true);
  });
  afterAll(() => h.close());

  it("counts outcomes where analyses exist, end reasons elsewhere, and says which with the sample size", async () => {
    const summary = await h.caller(h.users.operator).metrics.summary(period);
    const realtime = summary.byEngine.find((e) => e.engine === "realtime");
    const legacy = summary.byEngine.find((e) => e.engine === "legacy");
    expect(realtime?.rateBasis).toEqual({
      basis: "outcome",
      sampleSize: 3,
      analysedCalls: 3,
      connectedCalls: 4,
    });
    expect(realtime?.completionRate).toMatchObject({
      value: 2 / 3,
      sampleSize: 3,
      enoughSamples: false,
      met: null,
    });
    expect(realtime?.handoffRate).toMatchObject({ value: 1 / 3, sampleSize: 3 });
    expect(legacy?.rateBasis).toEqual({
      basis: "end_reason",
      sampleSize: 2,
      analysedCalls: 0,
      connectedCalls: 2,
    });
    expect(legacy?.completionRate).toMatchObject({ value: 0.5, sampleSize: 2 });
    expect(legacy?.handoffRate).toMatchObject({ value: 0.5, sampleSize: 2 });
    const agent = summary.byAgent[0];
    expect(agent?.rateBasis).toEqual({
      basis: "outcome",
      sampleSize: 3,
      analysedCalls: 3,
      connectedCalls: 6,
    });
  });
});
