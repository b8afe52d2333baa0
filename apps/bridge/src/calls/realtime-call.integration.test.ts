import { API_PACING, SCENARIOS, scenarioSchema } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";

describe("a realtime call through the bridge", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    // Both simulators run at twice real time: the bridge sees exactly the same message flow, sooner.
    // The production tools' clock stands a week before the booking scenario's appointment.
    bridge = await startBridgeHarness({
      sim: { audioPace: 2 * API_PACING.pace },
      now: () => new Date("2026-11-24T01:00:00Z"),
    });
  });
  afterAll(() => bridge.close());

  /** The call's row and events, once its last lines are journaled. */
  const eventsOf = (callSid: string) => bridge.endedCall(callSid);

  it("plays a full booking call: transcript, latency per turn, usage and cost stored", async () => {
    bridge.sim.scenario = SCENARIOS.booking;
    const result = await bridge.call(SCENARIOS.booking, { pace: 2 });
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
    // The tool ran with the model's arguments, its output went back to the model, and the call went on.
    const toolResult = call.events.find((e) => e.type === "tool_result")?.payload;
    expect(toolResult).toMatchObject({
      name: "schedule_appointment",
      ok: true,
      output: { booked: true, date: "2026-12-01", time: "15:00" },
    });
    const session = bridge.sim.sessions.at(-1);
    const output = session?.received.find((r) => r.event.type === "conversation.item.create")?.event;
    expect(output).toMatchObject({
      item: { type: "function_call_output", output: expect.stringContaining('"booked":true') },
    });
    expect(call.openaiSessionId).toBe(session?.id);
  }, 120_000);

  it("handles barge-in: clears Twilio and truncates the item to what the caller heard", async () => {
    bridge.sim.scenario = SCENARIOS["barge-in"];
    const result = await bridge.call(SCENARIOS["barge-in"], { pace: 2 });
    expect(result.error).toBeNull();
    expect(result.clears).toBeGreaterThanOrEqual(1);

    const session = bridge.sim.sessions.at(-1);
    const event = session?.received.find((r) => r.event.type === "conversation.item.truncate")?.event;
    const truncate = event?.type === "conversation.item.truncate" ? event : null;
    expect(truncate).not.toBeNull();
    // What the caller heard of the first line, from the caller simulator's own playback: by the
    // time it started talking over the agent, and by the time the clear reached it.
    const clearedAt = result.received.find((r) => r.event === "clear")?.atMs ?? 0;
    const cutIn = result.turns.findLast((t) => t.startMs < clearedAt);
    expect(cutIn).toBeDefined();
    const cutInAt = cutIn?.startMs ?? 0;
    const heardBy = (atMs: number) =>
      result.heard
        .filter((h) => h.startMs < atMs)
        .reduce((ms, h) => ms + Math.min(h.endMs, atMs) - h.startMs, 0);
    const heardMs = heardBy(clearedAt);
    const audioEndMs = truncate?.audio_end_ms ?? -1;
    expect(audioEndMs).toBeGreaterThan(0);
    // The bridge learns of the cut-in after the caller started talking, and the clear stops playback
    // after the truncation: a loaded machine widens the gap between the two (1.3 s seen on CI), not
    // the bounds. The bridge counts playback on the call's clock, which the caller's frames move in
    // 20 ms steps, and the caller simulator plays in 20 ms frames.
    expect(audioEndMs).toBeLessThanOrEqual(heardMs + 20);
    expect(audioEndMs).toBeGreaterThanOrEqual(heardBy(cutInAt) - 40);
    // Truncating to what the simulator had sent of the line (μ-law, 8 bytes a millisecond) would be
    // seconds off: the bound above tells the two apart.
    const sentMs =
      (session?.sent ?? []).reduce(
        (bytes, e) =>
          e.type === "response.output_audio.delta" && e.item_id === truncate?.item_id
            ? bytes + Buffer.from(e.delta, "base64").length
            : bytes,
        0,
      ) / 8;
    expect(sentMs - heardMs).toBeGreaterThan(2_000);

    const call = await eventsOf(result.callSid);
    const bargeIn = call.events.find((e) => e.type === "barge_in")?.payload as {
      audioEndMs: number;
      reactionMs: number;
    };
    expect(bargeIn.audioEndMs).toBe(audioEndMs);
    const firstAgentLine = call.events.find((e) => e.type === "transcript")?.payload as {
      text: string;
      truncated: boolean;
    };
    expect(firstAgentLine.truncated).toBe(true);
    const said = SCENARIOS["barge-in"].steps[0];
    expect(
      said?.speaker === "agent" &&
        said.say.startsWith(firstAgentLine.text) &&
        firstAgentLine.text.length < said.say.length,
    ).toBe(true);
  }, 120_000);

  it("reconnects when the OpenAI socket drops mid-call, restores the conversation and goes on", async () => {
    bridge.sim.scenario = SCENARIOS.booking;
    bridge.sim.faults.dropSocket = { afterMs: 6_000 };
    const sessionsBefore = bridge.sim.sessions.length;
    const result = await bridge.call(SCENARIOS.booking, { pace: 2 });
    expect(result.error).toBeNull();
    expect(bridge.sim.sessions.length).toBe(sessionsBefore + 2);
    const restored = bridge.sim.sessions
      .at(-1)
      ?.received.find((r) => r.event.type === "conversation.item.create")?.event;
    expect(JSON.stringify(restored)).toContain("通信が一時的に途切れました");
    const call = await eventsOf(result.callSid);
    expect(
      call.events.some(
        (e) => e.type === "status" && (e.payload as { status: string }).status === "reconnected",
      ),
    ).toBe(true);
    expect(call.status).toBe("completed");
  }, 120_000);
});

describe("a barge-in after the API has sent the whole line", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    // The API sends audio and transcript faster than Twilio plays them: here the whole first line,
    // and its transcript, arrive long before the caller cuts in.
    bridge = await startBridgeHarness({ sim: { audioPace: 1_000, audioBurstMs: 60_000 } });
  });
  afterAll(() => bridge.close());

  it("stores the agent's line as far as the caller heard it, not as the API wrote it", async () => {
    bridge.sim.scenario = SCENARIOS["barge-in"];
    const result = await bridge.call(SCENARIOS["barge-in"], { pace: 2 });
    expect(result.error).toBeNull();
    const session = bridge.sim.sessions.at(-1);
    const sent = session?.sent ?? [];
    const cutAt = sent.findIndex((e) => e.type === "input_audio_buffer.speech_started");
    const wholeLineAt = sent.findIndex((e) => e.type === "response.output_audio_transcript.done");
    expect(wholeLineAt).toBeGreaterThanOrEqual(0);
    expect(wholeLineAt).toBeLessThan(cutAt);
    const truncate = session?.received.find((r) => r.event.type === "conversation.item.truncate")?.event;
    expect(truncate).toBeDefined();

    const call = await bridge.endedCall(result.callSid);
    const lines = call.events
      .filter((e) => e.type === "transcript")
      .map((e) => e.payload as { role: string; text: string; truncated: boolean });
    const said = SCENARIOS["barge-in"].steps.flatMap((s) => (s.speaker === "agent" ? [s.say] : []));
    const first = lines[0];
    expect(first?.role).toBe("agent");
    expect(first?.truncated).toBe(true);
    expect(first?.text.length).toBeGreaterThan(0);
    expect(first && said[0]?.startsWith(first.text) && first.text.length < (said[0]?.length ?? 0)).toBe(true);
    // The lines the caller heard to the end are stored whole.
    expect(lines.filter((l) => l.role === "agent").map((l) => [l.text, l.truncated])).toEqual([
      [first?.text, true],
      [said[1], false],
      [said[2], false],
    ]);
  }, 120_000);
});

describe("when OpenAI refuses the session", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ sim: { audioPace: 2 * API_PACING.pace } });
  });
  afterAll(() => bridge.close());

  it("retries, then apologizes in Japanese and moves the caller to the operator path", async () => {
    bridge.sim.faults.refuseConnections = { status: 503, remaining: 4 };
    const result = await bridge.call(SCENARIOS.booking, { pace: 2 });
    // The webhook's TwiML already holds the apology and the operator after the stream.
    expect(result.twiml.says[0]).toContain("担当者におつなぎします");
    expect(result.twiml.dial).toBe("+81312345678");

    const [update] = bridge.twilioRest.callUpdates(result.callSid);
    expect(update?.accountSid).toBe("ACtest");
    expect(update?.params.Twiml).toContain(
      '<Say language="ja-JP">申し訳ございません。ただいまシステムに問題が発生しております。',
    );
    expect(update?.params.Twiml).toContain("<Dial>+81312345678</Dial>");
    expect(bridge.sim.refusedConnections).toBe(4);

    await bridge.ctx.journal.drain();
    const call = await bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid: result.callSid },
      include: { events: { where: { type: "handoff" } } },
    });
    expect(call).toMatchObject({
      endReason: "realtime_unavailable",
      handoffBy: "fallback",
      handoffReason: "OpenAI Realtime API unavailable",
    });
    expect(call.events[0]?.payload).toMatchObject({ by: "fallback", target: "+81312345678", ok: true });
  }, 60_000);

  it("records the handoff as failed when Twilio refuses the redirect too", async () => {
    bridge.sim.faults.refuseConnections = { status: 503, remaining: 4 };
    bridge.twilioRest.failWith = {
      status: 404,
      code: 20404,
      message: "The requested resource was not found",
      remaining: 1,
    };
    const result = await bridge.call(SCENARIOS.booking, { pace: 2 });
    await bridge.ctx.journal.drain();
    const events = await bridge.db.prisma.callEvent.findMany({
      where: { callSession: { callSid: result.callSid }, type: { in: ["handoff", "error"] } },
      orderBy: { id: "asc" },
    });
    expect(events.find((e) => e.type === "handoff")?.payload).toMatchObject({ ok: false });
    expect(
      events.some((e) => e.type === "error" && (e.payload as { source: string }).source === "twilio"),
    ).toBe(true);
    // The stream was closed, so Twilio goes on with the TwiML: the apology and the operator.
    expect(result.closeCode).not.toBeNull();
  }, 60_000);
});

describe("an idle call", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ env: { CALL_IDLE_TIMEOUT_MS: "1500" } });
  });
  afterAll(() => bridge.close());

  it("is closed after the idle timeout, on both sides", async () => {
    const silent = scenarioSchema.parse({
      name: "silent",
      description: "the caller says nothing after the greeting",
      steps: [
        { speaker: "agent", say: "お電話ありがとうございます。" },
        { speaker: "caller", say: "もしもし", pauseMs: 8_000 },
      ],
    });
    bridge.sim.scenario = silent;
    const result = await bridge.call(silent, { pace: 2 });
    expect(result.error).toMatch(/closed the stream/);
    expect(result.closeCode).toBe(1000);
    await bridge.ctx.journal.drain();
    const call = await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid: result.callSid } });
    expect(call.endReason).toBe("idle_timeout");
    // The caller is hung up on, not left with the operator fallback.
    expect(bridge.twilioRest.callUpdates(result.callSid).map((u) => u.params.Status)).toEqual(["completed"]);
    expect(bridge.sim.sessions[0]?.received.length).toBeGreaterThan(0);
    await expect.poll(() => bridge.ctx.calls.size).toBe(0);
  }, 60_000);
});
