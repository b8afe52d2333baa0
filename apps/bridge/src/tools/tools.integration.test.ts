import { DEMO } from "@koe/db";
import { demoCompany } from "@koe/db/testing";
import { API_PACING, type PlaceCallOptions, SCENARIOS, type Scenario, scenarioSchema } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { HANDOFF_LINE } from "./operator-handoff-tool.ts";

// Tuesday 2026-11-24, 10:00 in Tokyo: the booking scenario's 2026-12-01 15:00 lies ahead.
const NOW = new Date("2026-11-24T01:00:00Z");

describe("the agent's tools in simulated calls", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ sim: { audioPace: 2 * API_PACING.pace }, now: () => NOW });
    await bridge.db.prisma.company.update({
      where: { id: DEMO.companyId },
      data: { smsConfirmationEnabled: true },
    });
  });
  afterAll(() => bridge.close());

  async function play(scenario: Scenario, options: Partial<PlaceCallOptions> = {}) {
    bridge.sim.scenario = scenario;
    const result = await bridge.call(scenario, { pace: 2, ...options });
    await bridge.ctx.journal.drain();
    const call = await bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid: result.callSid },
      include: { events: { orderBy: { id: "asc" } } },
    });
    const toolResult = call.events.find((e) => e.type === "tool_result")?.payload as {
      ok: boolean;
      output: unknown;
    };
    const sent = bridge.sim.sessions
      .at(-1)
      ?.received.find((r) => r.event.type === "conversation.item.create")?.event;
    const modelOutput =
      sent?.type === "conversation.item.create" && sent.item.type === "function_call_output"
        ? (JSON.parse(sent.item.output) as Record<string, unknown>)
        : null;
    return { result, call, toolResult, modelOutput };
  }

  it("schedule_appointment books the slot for the call and the customer, and texts a Japanese confirmation", async () => {
    const { call, toolResult, modelOutput } = await play(SCENARIOS.booking);
    expect(toolResult).toMatchObject({ ok: true, output: { booked: true, smsSent: true } });
    expect(modelOutput?.readBack).toBe("山田太郎様、12月1日(火) 15:00でご予約を承りました。");
    const appointment = await bridge.db.prisma.appointment.findFirstOrThrow({
      where: { callSessionId: call.id },
      include: { customer: true },
    });
    expect(appointment).toMatchObject({
      companyId: DEMO.companyId,
      time: "15:00",
      name: "山田太郎",
      status: "booked",
    });
    expect(appointment.date.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(appointment.customer?.phoneNumber).toBe("+819011112222");
    const [sms] = bridge.twilioRest.messages();
    expect(sms).toMatchObject({
      accountSid: "ACtest",
      params: { From: DEMO.phoneNumber, To: "+819011112222" },
    });
    expect(sms?.params.Body).toContain("山田太郎様、12月1日(火) 15:00のご予約を承りました");
  }, 120_000);

  it("get_customer_info finds the caller in the company, with notes and history", async () => {
    const { toolResult } = await play(SCENARIOS["customer-lookup"]);
    expect(toolResult).toMatchObject({
      ok: true,
      output: { found: true, name: "佐藤 花子", notes: expect.stringContaining("定期点検") },
    });
  }, 120_000);

  it("answers invalid arguments as a tool error the model hears, and the call goes on", async () => {
    const scenario = scenarioSchema.parse({
      name: "bad-date",
      description: "the model passes a date that does not exist",
      steps: [
        { speaker: "agent", say: "ご予約ですね。" },
        { speaker: "caller", say: "二月三十日の午後三時でお願いします。" },
        {
          speaker: "tool",
          name: "schedule_appointment",
          arguments: { date: "2027-02-30", time: "15:00", name: "山田" },
        },
        { speaker: "agent", say: "申し訳ございません、その日付は存在しないようです。" },
      ],
    });
    const { result, toolResult, modelOutput } = await play(scenario);
    expect(result.error).toBeNull();
    expect(toolResult.ok).toBe(false);
    expect(String(modelOutput?.error)).toContain("Invalid arguments for schedule_appointment");
    expect(await bridge.db.prisma.appointment.count({ where: { time: "15:00", name: "山田" } })).toBe(0);
  }, 120_000);

  it("request_operator_handoff moves the call to the operator with the line, and records why", async () => {
    const { result, call } = await play(SCENARIOS.handoff);
    const [update] = bridge.twilioRest.callUpdates(result.callSid);
    expect(update?.params.Twiml).toContain(`<Say language="ja-JP">${HANDOFF_LINE}</Say>`);
    expect(update?.params.Twiml).toContain(`<Dial>${demoCompany.operatorPhoneNumber}</Dial>`);
    expect(call).toMatchObject({
      handoffBy: "ai",
      handoffReason: "請求内容への不満、担当者を希望",
      endReason: "handed_off",
    });
    expect(call.events.find((e) => e.type === "handoff")?.payload).toEqual({
      reason: "請求内容への不満、担当者を希望",
      by: "ai",
      target: demoCompany.operatorPhoneNumber,
      ok: true,
    });
  }, 120_000);

  it("ends the call handed_off when Twilio's stop for the redirect comes before its REST reply", async () => {
    bridge.twilioRest.answerUpdatesAfterStop = true;
    try {
      // The caller follows its call on the fake REST API, so the redirect stops its stream.
      const { result, call } = await play(SCENARIOS.handoff, { twilioRestUrl: bridge.twilioRest.url });
      expect(result.update?.kind).toBe("redirect");
      expect(call).toMatchObject({ handoffBy: "ai", endReason: "handed_off" });
    } finally {
      bridge.twilioRest.answerUpdatesAfterStop = false;
    }
  }, 120_000);

  it("tells the model when Twilio refuses the handoff, so it apologizes, and keeps the call", async () => {
    bridge.twilioRest.failWith = {
      status: 400,
      code: 21220,
      message: "Call is not in-progress. Cannot redirect.",
      remaining: 1,
      pathIncludes: "/Calls/",
    };
    const { result, call, toolResult, modelOutput } = await play(SCENARIOS.handoff);
    expect(toolResult.ok).toBe(false);
    expect(String(modelOutput?.error)).toContain("担当者におつなぎできませんでした");
    expect(call.handoffAt).toBeNull();
    expect(call.endReason).toBe("caller_hung_up");
    const types = call.events.map((e) => e.type);
    expect(types).toContain("handoff");
    expect(call.events.find((e) => e.type === "handoff")?.payload).toMatchObject({ by: "ai", ok: false });
    expect(
      call.events.some((e) => e.type === "error" && (e.payload as { source: string }).source === "twilio"),
    ).toBe(true);
    // The agent spoke after the failed tool (the apology step of the script).
    expect(result.error).toBeNull();
  }, 120_000);
});
