import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { parseTwiml } from "@koe/sim";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";

let serial = 0;
const newSid = () => `CA${(++serial).toString(16).padStart(32, "0")}`;

describe("lines, budget, recording and outbound calls at the voice webhook", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness();
  });
  afterAll(() => bridge.close());
  beforeEach(async () => {
    await bridge.db.prisma.callSession.updateMany({ data: { status: "completed", costUsd: 0 } });
    await bridge.db.prisma.company.update({
      where: { id: DEMO.companyId },
      data: { maxConcurrentCalls: 10, monthlyBudgetUsd: 500, recordingEnabled: false },
    });
  });
  afterEach(() => {
    // Pre-warmed realtime sessions of these webhook-only calls.
    for (const call of bridge.ctx.calls.all()) call.end("canceled");
  });

  const post = async (pathAndQuery: string, params: Record<string, string>) => {
    const res = await bridge.post(pathAndQuery, params);
    return { status: res.status, body: await res.text() };
  };
  const inbound = async (callSid = newSid()) => {
    const res = await post("/api/twilio/voice", {
      CallSid: callSid,
      AccountSid: "AC1",
      From: "+819011112222",
      To: DEMO.phoneNumber,
    });
    expect(res.status).toBe(200);
    return { callSid, twiml: parseTwiml(res.body), xml: res.body };
  };
  const row = (callSid: string) => bridge.db.prisma.callSession.findUnique({ where: { callSid } });

  it("refuses a new inbound call when every line of the company is busy", async () => {
    await bridge.db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 2 } });
    await insertTestCall(bridge.db.prisma, { status: "active" });
    const second = await inbound();
    expect(second.twiml.stream).not.toBeNull();
    const third = await inbound();
    expect(third.twiml.stream).toBeNull();
    expect(third.twiml.says[0]).toContain("回線が大変混み合っております");
    expect(third.twiml.hangup).toBe(true);
    expect(await row(third.callSid)).toBeNull();
  });

  it("over the monthly budget, falls back to the mini model or the legacy engine, with an alert once a month", async () => {
    await insertTestCall(bridge.db.prisma, { status: "completed", costUsd: 12.5 });
    await bridge.db.prisma.company.update({
      where: { id: DEMO.companyId },
      data: { monthlyBudgetUsd: 10, overBudgetAction: "use_mini_model" },
    });
    const mini = await inbound();
    expect(mini.twiml.stream).not.toBeNull();
    expect(await row(mini.callSid)).toMatchObject({
      engine: "realtime",
      engineReason: "over_budget",
      model: "gpt-realtime-2.1-mini",
    });

    await bridge.db.prisma.company.update({
      where: { id: DEMO.companyId },
      data: { overBudgetAction: "use_legacy_engine" },
    });
    const legacy = await inbound();
    expect(legacy.twiml.gatherAction).not.toBeNull();
    expect(await row(legacy.callSid)).toMatchObject({
      engine: "legacy",
      engineReason: "over_budget",
      model: null,
    });

    await bridge.ctx.journal.drain();
    const alerts = await bridge.db.prisma.callEvent.findMany({
      where: { type: "alert", callSession: { callSid: { in: [mini.callSid, legacy.callSid] } } },
    });
    expect(alerts).toHaveLength(2);
    expect(alerts[0]?.payload).toMatchObject({
      kind: "budget_exceeded",
      message: expect.stringContaining("予算"),
    });
    const operatorAlerts = await bridge.db.prisma.operatorAlert.findMany({
      where: { kind: "budget_exceeded" },
    });
    expect(operatorAlerts).toHaveLength(1);
    expect(operatorAlerts[0]?.details).toMatchObject({
      spentUsd: 12.5,
      budgetUsd: 10,
      action: "use_mini_model",
    });
  });

  it("records the call when the company enables it, and stores the finished recording", async () => {
    await bridge.db.prisma.company.update({
      where: { id: DEMO.companyId },
      data: { recordingEnabled: true },
    });
    const { callSid, xml } = await inbound();
    expect(xml).toMatch(
      /^<\?xml[^>]*\?><Response><Start><Recording channels="dual" track="both" recordingStatusCallback="https:\/\/voice\.example\.jp\/api\/twilio\/recording-status"/,
    );
    const recordingSid = `RE${"c".repeat(32)}`;
    const callback = await post("/api/twilio/recording-status", {
      CallSid: callSid,
      AccountSid: "ACtest",
      RecordingSid: recordingSid,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/ACtest/Recordings/${recordingSid}`,
      RecordingStatus: "completed",
      RecordingDuration: "42",
      RecordingChannels: "2",
    });
    expect(callback.status).toBe(204);
    expect(await row(callSid)).toMatchObject({ recordingSid, recordingDurationSeconds: 42 });
    const forged = await fetch(`${bridge.url}/api/twilio/recording-status`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "forged" },
      body: new URLSearchParams({ CallSid: callSid, RecordingSid: recordingSid }),
    });
    expect(forged.status).toBe(403);
  });

  it("gives an outbound call the api placed its engine when answered, and hangs up on a machine", async () => {
    const placed = await insertTestCall(bridge.db.prisma, {
      callSid: newSid(),
      direction: "outbound",
      status: "initiated",
      engine: null,
      engineReason: null,
      fromNumber: DEMO.phoneNumber,
      toNumber: "+819033334444",
    });
    const answer = (callSid: string, answeredBy: string) =>
      post(`/api/twilio/voice?agentId=${DEMO.agentId}`, {
        CallSid: callSid,
        AccountSid: "AC1",
        From: DEMO.phoneNumber,
        To: "+819033334444",
        Direction: "outbound-api",
        AnsweredBy: answeredBy,
      });
    const human = parseTwiml((await answer(placed.callSid, "human")).body);
    expect(human.stream).not.toBeNull();
    expect(await row(placed.callSid)).toMatchObject({
      engine: "realtime",
      engineReason: "rollout_bucket_included",
      status: "ringing",
      answeringMachine: "human",
    });

    const voicemail = await insertTestCall(bridge.db.prisma, {
      callSid: newSid(),
      direction: "outbound",
      status: "initiated",
      engine: null,
      engineReason: null,
    });
    const machine = parseTwiml((await answer(voicemail.callSid, "machine_start")).body);
    expect(machine).toMatchObject({ stream: null, says: [], hangup: true });
    expect(bridge.ctx.calls.get(voicemail.callSid)).toBeUndefined();
  });
});
