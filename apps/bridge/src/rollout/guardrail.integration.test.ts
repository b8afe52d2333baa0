import { DEMO } from "@koe/db";
import { API_PACING, scenarioSchema } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { runGuardrail } from "./guardrail.ts";

const scenario = scenarioSchema.parse({
  name: "two-turns",
  description: "two caller turns answered by the Realtime API",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。" },
    { speaker: "caller", say: "営業時間を教えてください。" },
    { speaker: "agent", say: "平日九時から十八時まででございます。" },
    { speaker: "caller", say: "ありがとうございます。" },
    { speaker: "agent", say: "失礼いたします。" },
  ],
});
/** Two calls are enough samples here; production waits for more (MIN_SAMPLES). */
const FEW = { calls: 1, turns: 2 };

describe("the guardrail on real calls through the bridge", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ sim: { audioPace: 2 * API_PACING.pace, scenario } });
    await bridge.db.prisma.rolloutConfig.update({
      where: { companyId: DEMO.companyId },
      data: {
        guardrailEnabled: true,
        guardrailMaxP95LatencyMs: 1_000,
        changedAt: new Date(Date.now() - 60_000),
      },
    });
  });
  afterAll(() => bridge.close());

  const callAndCheck = async () => {
    const result = await bridge.call(scenario, { pace: 2 });
    expect(result.error).toBeNull();
    await bridge.ctx.journal.drain();
    return runGuardrail(bridge.db.prisma, bridge.ctx.logger, new Date(), FEW);
  };

  it("keeps the rollout on normal traffic and rolls it back when the model slows down", async () => {
    expect(await callAndCheck()).toEqual([]);
    expect(
      await bridge.db.prisma.rolloutConfig.findUnique({ where: { companyId: DEMO.companyId } }),
    ).toMatchObject({ realtimePercentage: 100 });

    bridge.sim.faults.firstAudioDelayMs = 1_500;
    const [rollback] = await callAndCheck();
    expect(rollback?.breach).toMatchObject({ metric: "p95_turn_latency_ms", threshold: 1_000, samples: 4 });
    expect(
      await bridge.db.prisma.rolloutConfig.findUnique({ where: { companyId: DEMO.companyId } }),
    ).toMatchObject({ realtimePercentage: 0 });
    expect(await bridge.db.prisma.operatorAlert.count()).toBe(1);
  }, 120_000);
});
