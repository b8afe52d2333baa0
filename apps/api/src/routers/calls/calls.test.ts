import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));

describe("calls router", () => {
  let h: ApiHarness;
  let ids: string[];
  beforeAll(async () => {
    h = await startApiHarness();
    // Twelve finished calls a minute apart, two of them at the same instant (keyset ties).
    ids = [];
    for (let i = 0; i < 12; i++) {
      const call = await insertTestCall(h.db.prisma, {
        startedAt: at(i === 11 ? 10 : i),
        endedAt: at(i + 1),
        status: i % 4 === 3 ? "no_answer" : "completed",
        engine: i % 2 === 0 ? "realtime" : "legacy",
        handoffAt: i % 3 === 0 ? at(i) : null,
        costUsd: 0.1 * i,
        outcome: i % 4 === 0 ? "booked" : i % 4 === 1 ? "handed_off" : null,
      });
      ids.push(call.id);
    }
  });
  afterAll(() => h.close());

  it("pages through the history newest first with a cursor, nothing twice or missing", async () => {
    const operator = h.caller(h.users.operator);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof operator.calls.list>> = await operator.calls.list({
        limit: 5,
        cursor,
      });
      seen.push(...page.calls.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen)).toEqual(new Set(ids));
    const all = await operator.calls.list({ limit: 100 });
    const starts = all.calls.map((c) => c.startedAt);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it("filters by date range, agent, engine, status, handoff and outcome", async () => {
    const list = (filter: Parameters<ReturnType<ApiHarness["caller"]>["calls"]["list"]>[0]) =>
      h
        .caller(h.users.operator)
        .calls.list(filter)
        .then((p) => p.calls.map((c) => ids.indexOf(c.id)).sort((a, b) => a - b));
    expect(await list({ from: at(2).toISOString(), to: at(5).toISOString() })).toEqual([2, 3, 4]);
    expect(await list({ engine: "legacy" })).toEqual([1, 3, 5, 7, 9, 11]);
    expect(await list({ status: "no_answer" })).toEqual([3, 7, 11]);
    expect(await list({ handoff: true })).toEqual([0, 3, 6, 9]);
    expect(await list({ handoff: false, engine: "realtime" })).toEqual([2, 4, 8, 10]);
    expect(await list({ agentId: DEMO.agentId, limit: 100 })).toHaveLength(12);
    expect(await list({ agentId: h.other.agentId })).toEqual([]);
    expect(await list({ outcome: "booked" })).toEqual([0, 4, 8]);
    expect(await list({ outcome: "handed_off", engine: "legacy" })).toEqual([1, 5, 9]);
    expect(await list({ outcome: "voicemail" })).toEqual([]);
    const [first] = (await h.caller(h.users.operator).calls.list({ outcome: "booked", limit: 1 })).calls;
    expect(first?.outcome).toBe("booked");
  });

  it("refuses a forged cursor and a reversed range", async () => {
    const operator = h.caller(h.users.operator);
    await expect(operator.calls.list({ cursor: "bm9wZQ" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      operator.calls.list({ from: at(5).toISOString(), to: at(1).toISOString() }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows a call's transcript, latency per turn, tool calls with results, usage, cost and recording", async () => {
    const call = await insertTestCall(h.db.prisma, {
      status: "completed",
      recordingUrl: "https://api.twilio.com/recordings/RE1",
      recordingDurationSeconds: 42,
      inputAudioTokens: 1200,
      outputAudioTokens: 3400,
      costUsd: 0.2345,
    });
    const event = (type: "transcript" | "turn_latency" | "tool_call" | "tool_result", payload: object) => ({
      callSessionId: call.id,
      companyId: DEMO.companyId,
      type,
      payload,
    });
    await h.db.prisma.callEvent.createMany({
      data: [
        event("transcript", { role: "agent", text: "お電話ありがとうございます。", truncated: false }),
        event("transcript", { role: "caller", text: "予約したいです。", truncated: false }),
        event("turn_latency", { turn: 1, latencyMs: 420 }),
        event("tool_call", {
          callId: "fc1",
          name: "schedule_appointment",
          arguments: { date: "2026-11-25" },
        }),
        event("tool_result", {
          callId: "fc1",
          name: "schedule_appointment",
          ok: true,
          output: { booked: true },
          durationMs: 35,
        }),
      ],
    });
    const detail = await h.caller(h.users.operator).calls.byId({ callId: call.id });
    expect(detail.transcript.map((l) => [l.role, l.text])).toEqual([
      ["agent", "お電話ありがとうございます。"],
      ["caller", "予約したいです。"],
    ]);
    expect(detail.turns).toMatchObject([{ turn: 1, latencyMs: 420 }]);
    expect(detail.toolCalls).toMatchObject([
      {
        name: "schedule_appointment",
        arguments: { date: "2026-11-25" },
        result: { ok: true, durationMs: 35 },
      },
    ]);
    expect(detail.usage).toMatchObject({ inputAudioTokens: 1200, outputAudioTokens: 3400, costUsd: 0.2345 });
    expect(detail.recording).toEqual({
      available: true,
      url: "https://api.twilio.com/recordings/RE1",
      durationSeconds: 42,
    });
    expect(detail.events).toHaveLength(5);
    expect(detail.events[0]?.id).toMatch(/^\d+$/);
  });

  it("says why a call has no recording: recording off, still going, or not received yet", async () => {
    const operator = h.caller(h.users.operator);
    const recordingOf = async (status: "active" | "completed") =>
      (await operator.calls.byId({ callId: (await insertTestCall(h.db.prisma, { status })).id })).recording;
    const setRecording = (recordingEnabled: boolean) =>
      h.db.prisma.company.update({ where: { id: DEMO.companyId }, data: { recordingEnabled } });
    await setRecording(false);
    expect(await recordingOf("completed")).toEqual({ available: false, reason: "recording_off" });
    await setRecording(true);
    try {
      expect(await recordingOf("active")).toEqual({ available: false, reason: "in_progress" });
      expect(await recordingOf("completed")).toEqual({ available: false, reason: "not_received" });
    } finally {
      await setRecording(false);
    }
  });

  it("lets an operator rate a call and give a reference transcript", async () => {
    const operator = h.caller(h.users.operator);
    await operator.calls.rate({ callId: ids[0] ?? "", rating: 4, referenceTranscript: "予約したいです" });
    const row = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(row).toMatchObject({
      rating: 4,
      ratedById: h.users.operator.id,
      referenceTranscript: "予約したいです",
    });
    for (const rating of [0, 6, 3.5]) {
      await expect(operator.calls.rate({ callId: ids[0] ?? "", rating })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
  });

  it("takes over a live call through Twilio REST and records the handoff", async () => {
    const call = await insertTestCall(h.db.prisma, { status: "active", callSid: "CAtakeover1" });
    const result = await h
      .caller(h.users.operator)
      .calls.takeOver({ callId: call.id, reason: "お客様のご要望" });
    expect(result.target).toBe("+81312345678");
    const [update] = h.twilio.callUpdates("CAtakeover1");
    expect(update?.accountSid).toBe("ACtest");
    expect(update?.params.Twiml).toContain("<Dial>+81312345678</Dial>");
    const row = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } });
    expect(row).toMatchObject({ handoffBy: "operator", handoffReason: "お客様のご要望" });
    const handoff = await h.db.prisma.callEvent.findFirstOrThrow({
      where: { callSessionId: call.id, type: "handoff" },
    });
    expect(handoff.payload).toEqual({
      reason: "お客様のご要望",
      by: "operator",
      target: "+81312345678",
      ok: true,
    });
    // Twice is refused: the call is already with an operator.
    await expect(h.caller(h.users.operator).calls.takeOver({ callId: call.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("refuses to take over a finished call, and reports Twilio's refusal", async () => {
    await expect(h.caller(h.users.operator).calls.takeOver({ callId: ids[0] ?? "" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const call = await insertTestCall(h.db.prisma, { status: "active", callSid: "CAtakeover2" });
    h.twilio.failWith = { status: 400, code: 21220, message: "Call is not in-progress", remaining: 1 };
    await expect(h.caller(h.users.operator).calls.takeOver({ callId: call.id })).rejects.toMatchObject({
      code: "BAD_GATEWAY",
      message: expect.stringContaining("Call is not in-progress"),
    });
    const row = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } });
    expect(row).toMatchObject({ handoffAt: null, handoffBy: null, handoffReason: null });
    await expect(
      h.caller(h.users.operator, { twilioRest: null }).calls.takeOver({ callId: call.id }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    // The refused attempt released its claim: the call can be taken over once Twilio accepts.
    await h.caller(h.users.operator).calls.takeOver({ callId: call.id });
  });

  it("lets exactly one of two operators taking over at once through to Twilio", async () => {
    const call = await insertTestCall(h.db.prisma, { status: "active", callSid: "CAtakeoverRace" });
    const results = await Promise.allSettled([
      h.caller(h.users.operator).calls.takeOver({ callId: call.id, reason: "一人目" }),
      h.caller(h.users.admin).calls.takeOver({ callId: call.id, reason: "二人目" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toMatchObject({ code: "CONFLICT" });
    expect(h.twilio.callUpdates("CAtakeoverRace")).toHaveLength(1);
    const handoffs = await h.db.prisma.callEvent.count({
      where: { callSessionId: call.id, type: "handoff" },
    });
    expect(handoffs).toBe(1);
  });

  it("refuses a take-over when the AI's handoff was recorded first", async () => {
    const call = await insertTestCall(h.db.prisma, { status: "active", callSid: "CAtakeoverAi" });
    await h.db.prisma.callSession.update({
      where: { id: call.id },
      data: { handoffAt: new Date(), handoffBy: "ai", handoffReason: "お客様のご要望" },
    });
    await expect(h.caller(h.users.operator).calls.takeOver({ callId: call.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(h.twilio.callUpdates("CAtakeoverAi")).toHaveLength(0);
  });
});
