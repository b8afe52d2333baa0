import { insertTestCall } from "@koe/db/testing";
import { SCENARIOS } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";

describe("status callbacks", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness();
  });
  afterAll(() => bridge.close());

  const post = (path: string, params: Record<string, string>) => bridge.post(path, params);
  const status = (params: Record<string, string>) => post("/api/twilio/status", params);

  it.each([
    ["busy", "busy", "busy"],
    ["no-answer", "no_answer", "no_answer"],
    ["failed", "failed", "failed"],
    ["completed", "completed", "caller_hung_up"],
  ])(
    "finalizes a %s call once, and a repeated callback changes nothing",
    async (twilioStatus, status_, endReason) => {
      const call = await insertTestCall(bridge.db.prisma, { status: "ringing" });
      expect(
        (await status({ CallSid: call.callSid, CallStatus: twilioStatus, CallDuration: "12" })).status,
      ).toBe(204);
      const first = await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } });
      expect(first).toMatchObject({ status: status_, endReason, durationSeconds: 12 });
      expect(first.endedAt).toBeInstanceOf(Date);
      expect((await status({ CallSid: call.callSid, CallStatus: "failed" })).status).toBe(204);
      expect(await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
        status: status_,
        endReason,
        endedAt: first.endedAt,
      });
      // Live monitors learn of the end from the call's event log, once.
      await bridge.ctx.journal.drain();
      const events = await bridge.db.prisma.callEvent.findMany({
        where: { callSessionId: call.id, type: "status" },
      });
      expect(events.map((e) => e.payload)).toEqual([{ status: status_, detail: "twilio status callback" }]);
    },
  );

  it("answers 400 to an unknown status, naming it", async () => {
    const res = await status({ CallSid: "CA1", CallStatus: "exploded" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("CallStatus");
  });

  it("ends a live call the caller hung up on, and keeps Twilio's duration", async () => {
    bridge.sim.scenario = SCENARIOS.booking;
    const result = await bridge.call(
      { ...SCENARIOS.booking, steps: SCENARIOS.booking.steps.slice(0, 1) },
      { pace: 4 },
    );
    await bridge.ctx.journal.drain();
    const call = await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid: result.callSid } });
    expect(call.status).toBe("completed");
    expect(result.statusCallback).toBe(204);
    expect(bridge.ctx.calls.isLive(result.callSid)).toBe(false);
  });

  it("lets a call this process still runs log its own end, once", async () => {
    const callSid = `CA${"e".repeat(32)}`;
    const voice = await post("/api/twilio/voice", {
      CallSid: callSid,
      AccountSid: "ACtest",
      From: "+819011112222",
      To: "+815012345678",
      CallStatus: "ringing",
      Direction: "inbound",
    });
    expect(voice.status).toBe(200);
    expect(bridge.ctx.calls.isLive(callSid)).toBe(true);
    // The caller hangs up before the media stream starts: the pre-warmed call is still registered.
    expect((await status({ CallSid: callSid, CallStatus: "completed" })).status).toBe(204);
    expect(bridge.ctx.calls.isLive(callSid)).toBe(false);
    await bridge.ctx.journal.drain();
    const call = await bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid },
      include: { events: { where: { type: "status" } } },
    });
    expect(call).toMatchObject({ status: "completed", endReason: "caller_hung_up" });
    expect(call.events.map((e) => e.payload)).toEqual([{ status: "ended", detail: "caller_hung_up" }]);
  });
});
