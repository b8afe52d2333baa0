import { SCENARIOS } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";

describe("a call whose caller lines are transcribed late", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    // Each caller line is transcribed 2.5 s after its turn: after the agent's answer, and after
    // the hang-up for the last one (the call's 3 s grace covers it).
    bridge = await startBridgeHarness({
      sim: { audioPace: 2, transcriptionDelayMs: { min: 2_500, max: 2_500 } },
      now: () => new Date("2026-11-24T01:00:00Z"),
    });
  });
  afterAll(() => bridge.close());

  it("journals the transcript in conversation order, the caller's last line too, before the end", async () => {
    bridge.sim.scenario = SCENARIOS.booking;
    // The caller waits 2 s of call time (1 s here) of silence before taking the agent's line as
    // finished: on a loaded machine a stall of the default 700 ms made it talk over the greeting,
    // and the barge-in cut the line this test is not about (CI failed once).
    const result = await bridge.call(SCENARIOS.booking, { pace: 2, agentTurnEndSilenceMs: 2_000 });
    expect(result.error).toBeNull();
    const said = SCENARIOS.booking.steps.flatMap((s) =>
      s.speaker === "agent" || s.speaker === "caller" ? [{ role: s.speaker, text: s.say }] : [],
    );
    const ended = (e: { type: string; payload: unknown }) =>
      e.type === "status" && (e.payload as { status: string }).status === "ended";
    const { events } = await bridge.endedCall(result.callSid);
    const lines = events
      .filter((e) => e.type === "transcript" || ended(e))
      .map((e) =>
        ended(e)
          ? "ended"
          : { role: (e.payload as { role: string }).role, text: (e.payload as { text: string }).text },
      );
    expect(lines).toEqual([...said, "ended"]);
  }, 120_000);
});
