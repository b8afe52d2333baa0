import { SCENARIOS, scenarioSchema } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, PUBLIC_BASE_URL, startBridgeHarness } from "../testing/bridge-harness.ts";

describe("a legacy ConversationEngine call through the bridge", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ env: { ENABLE_REALTIME_API: "false" } });
  });
  afterAll(() => bridge.close());

  async function callWithEvents(callSid: string) {
    await bridge.ctx.journal.drain();
    return bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid },
      include: { events: { orderBy: { id: "asc" } } },
    });
  }

  const caller = (...lines: string[]) =>
    scenarioSchema.parse({
      name: "legacy",
      description: "caller lines only",
      steps: lines.map((say) => ({ speaker: "caller", say })),
    });

  it("plays the keyword call: <Gather> round trips, keyword answers, fallback, operator; transcript and latency logged", async () => {
    const scenario = SCENARIOS.keywords;
    const result = await bridge.call(scenario);
    expect(result.error).toBeNull();
    expect(result.twiml.stream).toBeNull();
    expect(result.twiml.gatherAction).toBe(`${PUBLIC_BASE_URL}/api/twilio/legacy/gather?turn=1&misses=0`);

    const agentLines = scenario.steps.flatMap((s) => (s.speaker === "agent" ? [s.say] : []));
    expect(result.twimls.flatMap((t) => t.says)).toEqual(agentLines);
    expect(result.twimls.at(-1)).toMatchObject({ gatherAction: null, dial: "+81312345678" });

    const call = await callWithEvents(result.callSid);
    expect(call).toMatchObject({
      engine: "legacy",
      engineReason: "kill_switch_off",
      model: null,
      status: "completed",
      handoffBy: "ai",
      handoffReason: "keyword: 担当者",
    });
    expect(call.answeredAt).not.toBeNull();
    const transcript = call.events
      .filter((e) => e.type === "transcript")
      .map((e) => e.payload as { role: string; text: string; itemId: string });
    expect(transcript.map(({ role, text }) => ({ role, text }))).toEqual(
      scenario.steps.flatMap((s) =>
        s.speaker === "agent" || s.speaker === "caller" ? [{ role: s.speaker, text: s.say }] : [],
      ),
    );
    expect(transcript.map((t) => t.itemId)).toEqual(["0", "1", "1", "2", "2", "3", "3", "4", "4"]);
    const latencies = call.events.filter((e) => e.type === "turn_latency").map((e) => e.payload);
    expect(latencies.map((l) => (l as { turn: number }).turn)).toEqual([1, 2, 3, 4]);
    expect(call.events.find((e) => e.type === "handoff")?.payload).toEqual({
      reason: "keyword: 担当者",
      by: "ai",
      target: "+81312345678",
      ok: true,
    });
  });

  it("hands the caller to an operator after repeated misunderstanding", async () => {
    const result = await bridge.call(caller("えーと", "あのー、その"));
    expect(result.error).toBeNull();
    expect(result.twimls.map((t) => t.says.at(-1))).toEqual([
      "お電話ありがとうございます。デモ株式会社でございます。ご用件をお話しください。",
      "申し訳ございません、もう一度おっしゃっていただけますでしょうか。",
      "担当者におつなぎします。少々お待ちください。",
    ]);
    expect(result.twimls[1]?.gatherAction).toMatch(/turn=2&misses=1$/);
    expect(result.twimls.at(-1)?.dial).toBe("+81312345678");
    const call = await callWithEvents(result.callSid);
    expect(call).toMatchObject({ handoffBy: "fallback", handoffReason: "not understood 2 times in a row" });
  });

  it("ends the call when the caller is done: closing line, hang-up, ended by the agent", async () => {
    const result = await bridge.call(caller("営業時間を教えてください", "以上です、ありがとうございました"));
    expect(result.error).toBeNull();
    expect(result.twimls.at(-1)).toMatchObject({
      says: ["お電話ありがとうございました。失礼いたします。"],
      hangup: true,
    });
    // Twilio's completed callback comes after: it does not overwrite who ended the call.
    const call = await callWithEvents(result.callSid);
    expect(call).toMatchObject({ status: "completed", endReason: "agent_ended" });
    // Live monitors see the end in the event log, once.
    expect(call.events.filter((e) => e.type === "status").map((e) => e.payload)).toEqual([
      { status: "active", detail: "legacy engine (kill_switch_off)" },
      { status: "ended", detail: "agent_ended" },
    ]);
  });

  describe("what the Gather action refuses", () => {
    const gatherUrl = "/api/twilio/legacy/gather?turn=1&misses=0";
    const form = { CallSid: `CA${"7".repeat(32)}`, AccountSid: "AC1", SpeechResult: "予約" };
    const post = (path: string, params: Record<string, string>, signWith?: string) =>
      bridge.post(path, params, signWith);

    it("answers 403 to a forged signature and writes nothing", async () => {
      const before = await bridge.db.prisma.callEvent.count();
      expect((await post(gatherUrl, form, "not-the-auth-token")).status).toBe(403);
      await bridge.ctx.journal.drain();
      expect(await bridge.db.prisma.callEvent.count()).toBe(before);
    });

    it("answers 400 to malformed parameters or turn state, 404 to an unknown call, 409 to a realtime call", async () => {
      const badSid = await post(gatherUrl, { ...form, CallSid: "nope" });
      expect(badSid.status).toBe(400);
      expect(JSON.stringify(await badSid.json())).toContain("CallSid must look like CA");
      const badTurn = await post("/api/twilio/legacy/gather?turn=zero&misses=0", form);
      expect(badTurn.status).toBe(400);
      expect(JSON.stringify(await badTurn.json())).toContain("turn");
      expect((await post(gatherUrl, form)).status).toBe(404);

      const realtime = await bridge.db.prisma.callSession.create({
        data: {
          callSid: form.CallSid,
          companyId: "00000000-0000-4000-8000-00000000c0de",
          direction: "inbound",
          fromNumber: "+819011112222",
          toNumber: "+815012345678",
          engine: "realtime",
          engineReason: "rollout_bucket_included",
        },
      });
      const conflict = await post(gatherUrl, form);
      expect(conflict.status).toBe(409);
      expect(await conflict.json()).toEqual({ error: `call ${form.CallSid} is on the realtime engine` });
      await bridge.ctx.journal.drain();
      expect(await bridge.db.prisma.callEvent.count({ where: { callSessionId: realtime.id } })).toBe(0);
    });
  });
});
