import { API_PACING, scenarioSchema } from "@koe/sim";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { shutDownGracefully } from "./graceful-shutdown.ts";

const SHORT_CALL = scenarioSchema.parse({
  name: "short",
  description: "a greeting, one question, one answer",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。" },
    { speaker: "caller", say: "営業時間は？" },
    { speaker: "agent", say: "九時から五時です。" },
  ],
});

describe("graceful shutdown", () => {
  let bridge: BridgeHarness;
  afterEach(() => bridge.close());

  /** Starts a call and returns its result, still to come, once the call is live. */
  async function liveCall() {
    bridge.sim.scenario = SHORT_CALL;
    const call = bridge.call(SHORT_CALL, { pace: 2 });
    // Live: its media stream has started.
    await vi.waitFor(
      async () => expect(await bridge.db.prisma.callSession.count({ where: { status: "active" } })).toBe(1),
      { timeout: 10_000, interval: 50 },
    );
    return { result: call };
  }

  it("lets a live call finish while refusing new ones", async () => {
    bridge = await startBridgeHarness({ sim: { audioPace: 2 * API_PACING.pace } });
    const live = await liveCall();

    const shutdown = shutDownGracefully(bridge.server, bridge.ctx, 60_000);
    // Refused whether the request opens a new connection or reuses a kept-alive one (503).
    await expect(bridge.call(SHORT_CALL)).rejects.toThrow();

    const { result: pending } = live;
    const result = await pending;
    expect(result.error).toBeNull();
    expect(result.closeCode).toBe(1000);
    expect(await shutdown).toBe(0);
    const row = await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid: result.callSid } });
    expect(row).toMatchObject({ status: "completed", endReason: "caller_hung_up" });
  });

  it("ends the calls still live at the deadline as interrupted, with their events written", async () => {
    bridge = await startBridgeHarness({ sim: { audioPace: 2 * API_PACING.pace } });
    const live = await liveCall();

    expect(await shutDownGracefully(bridge.server, bridge.ctx, 100)).toBe(1);
    const { result: pending } = live;
    const result = await pending;
    expect(result.error).toMatch(/closed the stream/);
    const row = await bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid: result.callSid },
      include: { events: { where: { type: "status" }, orderBy: { id: "asc" } } },
    });
    expect(row).toMatchObject({ status: "interrupted", endReason: "bridge_restarted" });
    expect(row.events.at(-1)?.payload).toMatchObject({ status: "ended", detail: "bridge_restarted" });
  });
});
