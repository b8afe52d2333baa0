import { SCENARIOS } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";

describe("a realtime call through the bridge", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ sim: { audioPace: 1 } });
  });
  afterAll(() => bridge.close());

  async function eventsOf(callSid: string) {
    await bridge.ctx.journal.drain();
    const call = await bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid },
      include: { events: { orderBy: { id: "asc" } } },
    });
    return call;
  }

  it("plays a full booking call: transcript, latency per turn, usage and cost stored", async () => {
    bridge.sim.scenario = SCENARIOS.booking;
    const result = await bridge.call(SCENARIOS.booking);
    expect(result.error).toBeNull();
    expect(result.twiml.stream?.url).toBe("wss://voice.example.jp/api/twilio/media-stream/test-1");
    expect(result.closeCode).toBe(1000);

    const call = await eventsOf(result.callSid);
    expect(call).toMatchObject({
      engine: "realtime",
      engineReason: "rollout_bucket_included",
      status: "completed",
      endReason: "caller_hung_up",
    });
    expect(call.streamSid).toBe(result.streamSid);
    const transcript = call.events
      .filter((e) => e.type === "transcript")
      .map((e) => e.payload as { role: string; text: string });
    const expected = SCENARIOS.booking.steps.flatMap((s) =>
      s.speaker === "agent"
        ? [{ role: "agent", text: s.say }]
        : s.speaker === "caller"
          ? [{ role: "caller", text: s.say }]
          : [],
    );
    expect(transcript.map((t) => ({ role: t.role, text: t.text }))).toEqual(expected);
    const latencies = call.events.filter((e) => e.type === "turn_latency");
    expect(latencies).toHaveLength(3);
    expect(call.outputAudioTokens).toBeGreaterThan(0);
    expect(Number(call.costUsd)).toBeGreaterThan(0);
    // The tool is not registered yet in this test: the model was told so, and the call went on.
    const toolResult = call.events.find((e) => e.type === "tool_result")?.payload as {
      ok: boolean;
      output: string;
    };
    expect(toolResult.ok).toBe(false);
    expect(toolResult.output).toContain('Unknown tool "schedule_appointment"');
  }, 120_000);
});
