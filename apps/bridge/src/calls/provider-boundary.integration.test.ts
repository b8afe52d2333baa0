import { randomBytes } from "node:crypto";
import { API_PACING, type RealtimeSimulator, type Scenario } from "@koe/sim";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BridgeHarness, EndedCall } from "../testing/bridge-harness.ts";
import type { OpenAIProxy } from "../testing/openai-proxy.ts";
import { watchProcessFaults } from "../testing/process-faults.ts";
import { startProxiedBridge } from "../testing/proxied-bridge.ts";
import { SHORT_CALL } from "../testing/short-call.ts";

const SHORT = SHORT_CALL;
const PACE = 4;
/**
 * The short call with a caller who waits 40 s of call time (10 s at this pace) before asking: when
 * a test strikes after the greeting, the call is still live however slow the machine (on a loaded
 * one, the short call could end before the strike, and the test then waited for nothing).
 */
const LINGERING: Scenario = {
  ...SHORT,
  steps: SHORT.steps.map((step) => (step.speaker === "caller" ? { ...step, pauseMs: 40_000 } : step)),
};

function spokenBy(role: string, lines: { role: string; text: string }[]): string[] {
  return lines.filter((line) => line.role === role).map((line) => line.text);
}

function callSid(): string {
  return `CA${randomBytes(16).toString("hex")}`;
}

/**
 * The agent's lines of the scenario, in order, as the call's transcript events should hold them.
 * (The caller's transcription may come after the answer, or after a quick caller has hung up,
 * as with the real API.)
 */
function agentLines(scenario: Scenario): string[] {
  return scenario.steps.flatMap((s) => (s.speaker === "agent" ? [s.say] : []));
}

describe("the bridge at its OpenAI boundary", () => {
  let sim: RealtimeSimulator;
  let proxy: OpenAIProxy;
  let bridge: BridgeHarness;
  let close: () => Promise<void>;
  let watch: ReturnType<typeof watchProcessFaults>;
  beforeAll(async () => {
    ({ sim, proxy, bridge, close } = await startProxiedBridge({
      audioPace: PACE * API_PACING.pace,
      scenario: SHORT,
    }));
  });
  afterAll(() => close());
  beforeEach(() => {
    watch = watchProcessFaults();
  });
  afterEach(() => {
    watch.stop();
    expect(watch.faults).toEqual([]);
  });

  async function callRow(sid: string) {
    await bridge.ctx.journal.drain();
    return bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid: sid },
      include: { events: { orderBy: { id: "asc" } } },
    });
  }

  function transcript(call: EndedCall) {
    return call.events
      .filter((e) => e.type === "transcript")
      .map((e) => {
        const { role, text } = e.payload as { role: string; text: string };
        return { role, text };
      });
  }

  /** Starts a call and resolves with its proxied OpenAI session, once the simulator has created it. */
  async function startCall(scenario: Scenario = SHORT, sid = callSid()) {
    const index = proxy.sessions.length;
    const done = bridge.call(scenario, { pace: PACE, callSid: sid });
    const session = await proxy.session(index);
    await expect.poll(() => session.sessionId).not.toBeNull();
    return { sid, done, session };
  }

  it("skips and counts malformed and unknown events; an event without usage neither crashes the process nor another call", async () => {
    const victim = await startCall();
    const bystander = await startCall();
    const frames = [
      // The event of finding 1: a transcription without `usage`.
      {
        type: "conversation.item.input_audio_transcription.completed",
        item_id: "item_x",
        content_index: 0,
        transcript: "注入された発話",
      },
      { type: "response.output_audio.delta", item_id: null, delta: 5 },
      { type: "response.done", response: null },
      { type: "error", error: null },
      { type: "session.created", session: "none" },
      { type: "a.brand.new.event", payload: { anything: true } },
      { no_type: true },
    ].map((frame) => JSON.stringify(frame));
    for (const frame of [...frames, "{not json"]) victim.session.inject(frame);

    const [victimResult, bystanderResult] = await Promise.all([victim.done, bystander.done]);
    expect(victimResult.error).toBeNull();
    expect(bystanderResult.error).toBeNull();
    const victimCall = await bridge.endedCall(victim.sid);
    expect(victimCall).toMatchObject({ status: "completed", endReason: "caller_hung_up" });
    expect(transcript(victimCall)).toContainEqual({ role: "caller", text: "注入された発話" });
    expect(spokenBy("agent", transcript(victimCall))).toEqual(agentLines(SHORT));
    expect(spokenBy("agent", transcript(await bridge.endedCall(bystander.sid)))).toEqual(agentLines(SHORT));

    const skipped = (await bridge.ctx.metrics.realtimeEventsSkipped.get()).values.map((v) => ({
      ...v.labels,
      value: v.value,
    }));
    expect(skipped).toEqual(
      expect.arrayContaining([
        { type: "response.output_audio.delta", reason: "invalid", value: 1 },
        { type: "response.done", reason: "invalid", value: 1 },
        { type: "error", reason: "invalid", value: 1 },
        { type: "session.created", reason: "invalid", value: 1 },
        { type: "unknown", reason: "unknown_type", value: 1 },
        { type: "unknown", reason: "no_type", value: 1 },
        { type: "unknown", reason: "not_json", value: 1 },
      ]),
    );
  }, 90_000);

  it("ends only the call whose handling throws, through the apology and the operator, with its row finalized", async () => {
    const victimSid = callSid();
    const journal = bridge.ctx.journal;
    const original = journal.event.bind(journal);
    // A defect that strikes while one call handles its first transcript. In place before the calls
    // start: on a loaded machine the victim's greeting was once journaled before the second call
    // had started, and the defect struck only as the caller hung up.
    journal.event = ((call, type, payload) => {
      if (type === "transcript" && (call as { callSid?: string }).callSid === victimSid)
        throw new TypeError("simulated defect");
      return original(call, type, payload);
    }) as typeof journal.event;
    let bystanderSid = "";
    try {
      const victim = await startCall(LINGERING, victimSid);
      const bystander = await startCall();
      bystanderSid = bystander.sid;
      const [victimResult, bystanderResult] = await Promise.all([victim.done, bystander.done]);
      expect(victimResult.closeCode).toBe(1000);
      expect(bystanderResult.error).toBeNull();
    } finally {
      journal.event = original;
    }
    const call = await bridge.endedCall(victimSid);
    expect(call).toMatchObject({ status: "completed", endReason: "call_fault", handoffBy: "fallback" });
    expect(call.endedAt).not.toBeNull();
    expect(call.events.find((e) => e.type === "error")?.payload).toMatchObject({
      source: "bridge",
      code: "call_fault",
      message: "simulated defect",
    });
    const [update] = bridge.twilioRest.callUpdates(victimSid);
    expect(update?.params.Twiml).toContain("申し訳ございません");
    expect(bridge.ctx.calls.all().map((c) => c.callSid)).not.toContain(victimSid);
    expect(spokenBy("agent", transcript(await bridge.endedCall(bystanderSid)))).toEqual(agentLines(SHORT));
  }, 90_000);

  it("renews a session that reached its time cap, with the conversation, and counts no failure", async () => {
    const reconnectsBefore = (await bridge.ctx.metrics.reconnects.get()).values[0]?.value ?? 0;
    const call = await startCall(LINGERING);
    // After the greeting has been heard: OpenAI's 60-minute cap, an error event and then the close.
    await expect
      .poll(async () => transcript(await callRow(call.sid)).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    call.session.inject(
      JSON.stringify({
        type: "error",
        event_id: "event_expired",
        error: {
          type: "invalid_request_error",
          code: "session_expired",
          message: "Your session hit the maximum duration of 60 minutes.",
          param: null,
          event_id: null,
        },
      }),
    );
    call.session.close(1000);
    const renewed = await proxy.session(call.session.index + 1);
    const result = await call.done;
    expect(result.error).toBeNull();
    const row = await bridge.endedCall(call.sid);
    expect(row.status).toBe("completed");
    expect(row.events.filter((e) => e.type === "error")).toEqual([]);
    expect(row.events.map((e) => e.payload)).toContainEqual({
      status: "session_renewed",
      detail: "attempt 1",
    });
    expect((await bridge.ctx.metrics.reconnects.get()).values[0]?.value ?? 0).toBe(reconnectsBefore);
    const restored = sim.sessions
      .find((s) => s.id === renewed.sessionId)
      ?.received.find((r) => r.event.type === "conversation.item.create")?.event;
    // The greeting as far as the caller had heard it: audio comes in bursts ahead of playback, so
    // the cap may strike mid-greeting, and the new session must not think more was said.
    const greeting = SHORT.steps[0]?.speaker === "agent" ? SHORT.steps[0].say : "";
    const heard = /あなた: ([^\\"]+)/.exec(JSON.stringify(restored))?.[1] ?? "";
    expect(heard.length).toBeGreaterThan(0);
    expect(greeting.startsWith(heard)).toBe(true);
  }, 90_000);

  it("does not retry an invalid API key: straight to the operator, and one operator alert per company and hour", async () => {
    proxy.refuse = { status: 401, code: "invalid_api_key", remaining: 10 };
    proxy.refused = 0;
    try {
      const first = await bridge.call(SHORT, { pace: PACE, callSid: callSid() });
      const second = await bridge.call(SHORT, { pace: PACE, callSid: callSid() });
      expect(proxy.refused).toBe(2);
      for (const result of [first, second]) {
        const row = await bridge.endedCall(result.callSid);
        expect(row).toMatchObject({ endReason: "realtime_refused", handoffBy: "fallback" });
        expect(bridge.twilioRest.callUpdates(result.callSid)[0]?.params.Twiml).toContain(
          "申し訳ございません",
        );
      }
    } finally {
      proxy.refuse = null;
    }
    const alerts = await bridge.db.prisma.operatorAlert.findMany({ where: { kind: "realtime_refused" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.details).toMatchObject({ code: "invalid_api_key" });
  }, 90_000);

  it("does not retry an exhausted quota, but retries a rate limit and goes on", async () => {
    proxy.refuse = { status: 429, code: "insufficient_quota", remaining: 10 };
    proxy.refused = 0;
    const quota = await bridge.call(SHORT, { pace: PACE, callSid: callSid() });
    expect(proxy.refused).toBe(1);
    expect(await bridge.endedCall(quota.callSid)).toMatchObject({ endReason: "realtime_refused" });

    proxy.refuse = { status: 429, code: "rate_limit_exceeded", remaining: 2 };
    proxy.refused = 0;
    const limited = await bridge.call(SHORT, { pace: PACE, callSid: callSid() });
    proxy.refuse = null;
    expect(proxy.refused).toBe(2);
    expect(limited.error).toBeNull();
    const row = await bridge.endedCall(limited.callSid);
    expect(row.status).toBe("completed");
    expect(spokenBy("agent", transcript(row))).toEqual(agentLines(SHORT));
  }, 90_000);
});
