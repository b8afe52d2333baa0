import { DEMO } from "@koe/db";
import { API_PACING, parseTwiml, scenarioSchema } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";

const sid = (digit: string) => `CA${digit.repeat(32)}`;
/** Path and query of a Gather action (absolute, on PUBLIC_BASE_URL), as the bridge receives it. */
const pathOf = (action: string | null) => {
  const url = new URL(action ?? "");
  return `${url.pathname}${url.search}`;
};

describe("engine routing of new calls, and live calls keeping theirs", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ sim: { audioPace: 2 * API_PACING.pace } });
  });
  afterAll(() => bridge.close());

  const post = async (pathAndQuery: string, params: Record<string, string>) => {
    const res = await bridge.post(pathAndQuery, params);
    expect(res.status).toBe(200);
    return parseTwiml(await res.text());
  };
  const newCall = (callSid: string) =>
    post("/api/twilio/voice", {
      CallSid: callSid,
      AccountSid: "AC1",
      From: "+819011112222",
      To: DEMO.phoneNumber,
    });
  const engineOf = (callSid: string) =>
    bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid },
      select: { engine: true, engineReason: true },
    });
  const setPercentage = (realtimePercentage: number) =>
    bridge.db.prisma.rolloutConfig.update({
      where: { companyId: DEMO.companyId },
      data: { realtimePercentage },
    });
  const setAgentToggle = async (enabled: boolean) => {
    const agent = await bridge.db.prisma.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } });
    await bridge.db.prisma.agent.update({
      where: { id: DEMO.agentId },
      data: { realtimeSettings: { ...(agent.realtimeSettings as object), enabled } },
    });
  };

  it("stores each new call's engine and the reason, from flag → agent toggle → rollout", async () => {
    bridge.ctx.env.ENABLE_REALTIME_API = false;
    await newCall(sid("1"));
    bridge.ctx.env.ENABLE_REALTIME_API = true;
    await setAgentToggle(false);
    await newCall(sid("2"));
    await setAgentToggle(true);
    await setPercentage(0);
    await newCall(sid("3"));
    await setPercentage(100);
    expect((await newCall(sid("4"))).stream).not.toBeNull();
    expect(await engineOf(sid("1"))).toEqual({ engine: "legacy", engineReason: "kill_switch_off" });
    expect(await engineOf(sid("2"))).toEqual({ engine: "legacy", engineReason: "agent_realtime_disabled" });
    expect(await engineOf(sid("3"))).toEqual({ engine: "legacy", engineReason: "rollout_bucket_excluded" });
    expect(await engineOf(sid("4"))).toEqual({ engine: "realtime", engineReason: "rollout_bucket_included" });
    // Twilio retrying the webhook does not re-decide: the first answer's engine stands.
    await setPercentage(0);
    expect((await newCall(sid("4"))).stream).not.toBeNull();
    expect(await engineOf(sid("4"))).toEqual({ engine: "realtime", engineReason: "rollout_bucket_included" });
    for (const call of bridge.ctx.calls.all()) call.end("caller_hung_up");
  });

  it("runs a test call of an evaluation run on the realtime engine with the run's version, marked as a test", async () => {
    await setAgentToggle(false);
    await setPercentage(0);
    const agent = await bridge.db.prisma.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } });
    const run = await bridge.db.prisma.evalRun.create({
      data: {
        companyId: DEMO.companyId,
        agentId: DEMO.agentId,
        agentVersionId: agent.currentVersionId ?? "",
        scenarios: [],
        callsPlanned: 1,
        concurrency: 1,
      },
    });
    const answer = await post(`/api/twilio/voice?evalRunId=${run.id}`, {
      CallSid: sid("7"),
      AccountSid: "AC1",
      From: "+819033334444",
      To: DEMO.phoneNumber,
    });
    expect(answer.stream).not.toBeNull();
    expect(
      await bridge.db.prisma.callSession.findUniqueOrThrow({
        where: { callSid: sid("7") },
        select: { engine: true, engineReason: true, isTest: true, agentVersionId: true },
      }),
    ).toEqual({
      engine: "realtime",
      engineReason: "evaluation_run",
      isTest: true,
      agentVersionId: agent.currentVersionId,
    });
    for (const call of bridge.ctx.calls.all()) call.end("caller_hung_up");

    // A run no longer playing takes no more calls.
    await bridge.db.prisma.evalRun.update({ where: { id: run.id }, data: { status: "completed" } });
    const refused = await post(`/api/twilio/voice?evalRunId=${run.id}`, {
      CallSid: sid("8"),
      AccountSid: "AC1",
      From: "+819033334444",
      To: DEMO.phoneNumber,
    });
    expect(refused.stream).toBeNull();
    expect(await bridge.db.prisma.callSession.findUnique({ where: { callSid: sid("8") } })).toBeNull();
    await setAgentToggle(true);
    await setPercentage(100);
  });

  it("a rollback during live calls leaves them untouched: realtime calls stay realtime, legacy calls legacy", async () => {
    await setPercentage(100);
    bridge.ctx.env.ENABLE_REALTIME_API = false;
    const legacy = await newCall(sid("5"));
    bridge.ctx.env.ENABLE_REALTIME_API = true;

    const scenario = scenarioSchema.parse({
      name: "rollback-during-call",
      description: "a realtime call that is live while the rollout is rolled back",
      steps: [
        { speaker: "agent", say: "お電話ありがとうございます。" },
        { speaker: "caller", say: "料金について教えてください。" },
        { speaker: "agent", say: "料金プランは月額九千八百円からでございます。" },
        { speaker: "caller", say: "わかりました。" },
        { speaker: "agent", say: "お電話ありがとうございました。" },
      ],
    });
    bridge.sim.scenario = scenario;
    const sessionsBefore = bridge.sim.sessions.length;
    const live = bridge.call(scenario, { pace: 2 });
    await vi.waitFor(() => expect(bridge.sim.sessions.length).toBe(sessionsBefore + 1), { timeout: 10_000 });

    // The live legacy call's next turn, with the flag on and 100 %: still the ConversationEngine.
    const turn1 = await post(pathOf(legacy.gatherAction), {
      CallSid: sid("5"),
      AccountSid: "AC1",
      SpeechResult: "予約をお願いします",
    });
    expect(turn1.says).toEqual(["ご予約の件ですね。ご希望の日時をお聞かせください。"]);

    // Roll back both ways while the realtime call is live.
    await setPercentage(0);
    bridge.ctx.env.ENABLE_REALTIME_API = false;

    const result = await live;
    expect(result.error).toBeNull();
    expect(result.closeCode).toBe(1000);
    await bridge.ctx.journal.drain();
    const realtime = await bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid: result.callSid },
      include: { events: { where: { type: { in: ["transcript", "handoff"] } }, orderBy: { id: "asc" } } },
    });
    expect(realtime).toMatchObject({ engine: "realtime", status: "completed", handoffAt: null });
    expect(realtime.events.map((e) => (e.payload as { text: string }).text)).toEqual(
      scenario.steps.flatMap((s) => ("say" in s ? [s.say] : [])),
    );

    const turn2 = await post(pathOf(turn1.gatherAction), {
      CallSid: sid("5"),
      AccountSid: "AC1",
      SpeechResult: "料金はいくらですか",
    });
    expect(turn2.says).toEqual(["料金プランは月額九千八百円からご用意しております。"]);
    expect(await engineOf(sid("5"))).toEqual({ engine: "legacy", engineReason: "kill_switch_off" });

    // New calls follow the rollback.
    await newCall(sid("6"));
    expect(await engineOf(sid("6"))).toEqual({ engine: "legacy", engineReason: "kill_switch_off" });
  }, 120_000);
});
