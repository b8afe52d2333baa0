import { randomBytes } from "node:crypto";
import { DEMO } from "@koe/db";
import type { CallResult } from "@koe/sim";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BridgeHarness } from "../testing/bridge-harness.ts";
import { gc } from "../testing/garbage-collector.ts";
import { mutatedServerFrame } from "../testing/mutated-events.ts";
import type { OpenAIProxy, ProxiedSession } from "../testing/openai-proxy.ts";
import { watchProcessFaults } from "../testing/process-faults.ts";
import { startProxiedBridge } from "../testing/proxied-bridge.ts";
import { SHORT_CALL } from "../testing/short-call.ts";

/** Change the seed to explore; a failure prints the seed it ran with, to replay it. */
const SEED = Number(process.env.KOE_FUZZ_SEED ?? 20261206);
const CALLS = 20;
const FRAMES = 10_000;
/**
 * The callers, in real time: the proxy, the simulator and the bridge share this process, and
 * hundreds of large frames a second can hold its event loop for a moment; a caller who took that
 * pause as the end of the agent's turn would talk over it.
 */
const CALLER = { pace: 1, agentTurnEndSilenceMs: 2_000 };
const SCENARIO = SHORT_CALL;
const SCRIPT = SCENARIO.steps.flatMap((s) =>
  s.speaker === "agent" || s.speaker === "caller" ? [{ role: s.speaker, text: s.say }] : [],
);

function heardMs(result: CallResult | undefined): number {
  return (result?.heard ?? []).reduce((ms, h) => ms + h.endMs - h.startMs, 0);
}

function bySpeaker(lines: { role: string; text: string }[]) {
  return ["agent", "caller"].map((role) =>
    lines.filter((line) => line.role === role).map((line) => line.text),
  );
}

function mb(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Sends `frames` to the session a few at a time, as a stream of events mixed into the real ones;
 * resolves with how many reached the bridge (a call may end before its share is sent).
 */
async function injectSpread(session: ProxiedSession, frames: string[]): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < frames.length; i += 5) {
    for (const frame of frames.slice(i, i + 5)) if (session.inject(frame)) delivered++;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return delivered;
}

describe(`${FRAMES} mutated OpenAI events into ${CALLS} concurrent live calls (seed ${SEED})`, () => {
  let proxy: OpenAIProxy;
  let bridge: BridgeHarness;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ proxy, bridge, close } = await startProxiedBridge({ scenario: SCENARIO }));
    // All the calls at once, beyond the demo company's usual line cap.
    await bridge.db.prisma.company.update({
      where: { id: DEMO.companyId },
      data: { maxConcurrentCalls: 50 },
    });
  });
  afterAll(() => close());

  it("keeps the process up, the untouched calls whole and memory bounded", async () => {
    // What a caller hears of this script when nobody interferes.
    const baseline = heardMs(await bridge.call(SCENARIO, CALLER));
    const watch = watchProcessFaults();
    const heapBefore = heapAfterGc();
    const frames = fc.sample(mutatedServerFrame, { seed: SEED, numRuns: FRAMES });
    const perCall = FRAMES / (CALLS / 2);
    const calls: { sid: string; fuzzed: boolean; done: Promise<CallResult>; injected: Promise<number> }[] =
      [];
    for (let i = 0; i < CALLS; i++) {
      const sid = `CA${randomBytes(16).toString("hex")}`;
      const fuzzed = i % 2 === 1;
      const index = proxy.sessions.length;
      const done = bridge.call(SCENARIO, {
        ...CALLER,
        callSid: sid,
        ...(fuzzed ? { turnTimeoutMs: 8_000 } : {}),
      });
      const session = await proxy.session(index);
      const slice = frames.splice(0, fuzzed ? perCall : 0);
      calls.push({ sid, fuzzed, done, injected: injectSpread(session, slice) });
    }
    const results = await Promise.all(calls.map((c) => c.done));
    const delivered = (await Promise.all(calls.map((c) => c.injected))).reduce((n, d) => n + d, 0);
    for (const call of calls) await bridge.endedCall(call.sid);
    const heapAfter = heapAfterGc();
    watch.stop();

    expect(watch.faults).toEqual([]);
    const rows = await bridge.db.prisma.callSession.findMany({
      where: { callSid: { in: calls.map((c) => c.sid) } },
      include: { events: { orderBy: { id: "asc" } } },
    });
    const bySid = new Map(rows.map((row) => [row.callSid, row]));
    const problems: string[] = [];
    for (const [i, call] of calls.entries()) {
      const row = bySid.get(call.sid);
      // Every call, fuzzed or not, was finalized and let go.
      if (!row?.endedAt)
        problems.push(`call ${i} (fuzzed: ${call.fuzzed}) was not finalized: ${row?.status}`);
      if (call.fuzzed || !row) continue;
      const result = results[i];
      const transcript = row.events
        .filter((e) => e.type === "transcript")
        .map((e) => {
          const { role, text } = e.payload as { role: string; text: string };
          return { role, text };
        });
      const errors = row.events.filter((e) => e.type === "error").map((e) => e.payload);
      if (result?.error) problems.push(`healthy call ${i}: ${result.error}`);
      if (heardMs(result) < baseline * 0.95)
        problems.push(`healthy call ${i} heard ${heardMs(result)} of ${baseline} ms`);
      if (row.endReason !== "caller_hung_up") problems.push(`healthy call ${i} ended with ${row.endReason}`);
      if (errors.length > 0) problems.push(`healthy call ${i} recorded errors: ${JSON.stringify(errors)}`);
      // Per speaker: a caller's transcription may arrive after the answer to it, as with the real API.
      if (JSON.stringify(bySpeaker(transcript)) !== JSON.stringify(bySpeaker(SCRIPT)))
        problems.push(`healthy call ${i} transcript: ${JSON.stringify(transcript)}`);
    }
    expect(problems).toEqual([]);
    expect(bridge.ctx.calls.all()).toEqual([]);
    const skipped = (await bridge.ctx.metrics.realtimeEventsSkipped.get()).values.reduce(
      (n, v) => n + v.value,
      0,
    );
    // About half the mutations make an event Koe cannot act on; how many reach the bridge before
    // their call ends depends on the machine's load, so the share is measured against those.
    expect(delivered).toBeGreaterThan(FRAMES / 10);
    expect(skipped).toBeGreaterThan(delivered / 4);
    // Tens of MB of oversized frames went through: none of it may stay.
    expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024);
    console.info(
      `fuzz (seed ${SEED}): ${FRAMES} frames into ${CALLS / 2} of ${CALLS} live calls, ${delivered} delivered, ${skipped} skipped, 0 process faults, heap after GC ${mb(heapBefore)} → ${mb(heapAfter)} MB`,
    );
  }, 240_000);
});
