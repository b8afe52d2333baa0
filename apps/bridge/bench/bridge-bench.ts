// `pnpm bench:bridge`: Koe's bridge against a reference relay (`reference-relay.ts`, the least a
// Node bridge can do), one after the other in the same run, under the same load (`relay-load.ts`):
// N Twilio-style calls at 50 frames/s in, ten 100 ms audio deltas/s out, marks echoed. The bridge
// is pinned to one core and this process (callers and the OpenAI stand-in) to the other, so the
// figures are the bridge's own; on a shared machine the ratios Koe/reference are what count.
// CPU and latency are taken over a window once every call streams, Koe's call journal has written
// the calls' set-up, and the bridge's CPU use has settled; frames lost are counted after
// the load stops and what was in flight has drained.
//   --calls 100,400,800   --seconds 10 (the window)   --profile <dir> (each bridge's CPU profile)
//   --rounds 1   pairs measured per call count, alternating; with more than one, the median CPU
//                ratio ends the output (one pair's ratio moves by ±30 % on a shared machine)
// With more than one call count, the RSS each added call costs between them ends the output too.
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { freePort, type WatchedProcess } from "@koe/cluster";
import { parseTwiml } from "@koe/sim";
import twilio from "twilio";
import {
  BENCH_AUTH_TOKEN,
  BENCH_PUBLIC_BASE_URL,
  CAN_PIN,
  cpuSeconds,
  lastOutput,
  pinToCore,
  rssKb,
  startBenchBridge,
  startBenchProcess,
  writeSyscalls,
} from "./bench-process.ts";
import { FakeRealtimePeer, LoadStats, paceCallers, type StreamTarget, TwilioCaller } from "./relay-load.ts";
import { type BenchRow, formatRows, rssPerAddedCallKb, TABLE_HEADER } from "./relay-table.ts";

/** Calls dialled per second while the run ramps up, as a busy line would see them. */
const DIAL_RATE = 50;
const WARM_UP_MS = 2_000;
/**
 * The flags and environment `pnpm start` gives the bridge (its heap sizes, its compile cache), so
 * the bench runs it as production does.
 */
const START_WORDS = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    scripts: { start: string };
  }
).scripts.start.split(" ");
const KOE_NODE_FLAGS = START_WORDS.filter((word) => word.startsWith("--"));
const KOE_START_ENV = Object.fromEntries(
  START_WORDS.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => word.split("=", 2) as [string, string]),
);

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "100,400,800" },
    seconds: { type: "string", default: "10" },
    profile: { type: "string" },
    rounds: { type: "string", default: "1" },
  },
});
const rounds = Math.max(1, Number(values.rounds));
const sizes = values.calls.split(",").map(Number);
const windowMs = Number(values.seconds) * 1000;
// The load lives on the second core, the bridge on the first.
if (CAN_PIN) pinToCore(process.pid, 1);

console.log(
  `Bridge benchmark: ${CAN_PIN ? "bridge pinned to core 0, load to core 1" : "not pinned (no taskset or one core)"}; ` +
    `50 frames/s in and 10 deltas/s out per call, a ${values.seconds} s window. Latency in ms as p50 / p95 / p99.\n`,
);
console.log(TABLE_HEADER);
const cpuRatios = new Map<number, number[]>();
const measured: BenchRow[] = [];
for (const calls of sizes) {
  for (let round = 0; round < rounds; round++) {
    const reference = await measure("reference", calls);
    const koe = await measure("koe", calls);
    measured.push(reference, koe);
    cpuRatios.set(calls, [...(cpuRatios.get(calls) ?? []), koe.cpuUsPerFrame / reference.cpuUsPerFrame]);
    console.log(formatRows(reference, koe));
  }
}
if (sizes.length > 1) {
  console.log("\nRSS per added call between call counts (median loaded RSS of each), Koe / reference:");
  for (const [i, calls] of sizes.slice(1).entries()) {
    const from = sizes[i] ?? 0;
    const perCall = (bridge: BenchRow["bridge"]) =>
      rssPerAddedCallKb(measured, bridge, from, calls).toFixed(0);
    console.log(`  ${from} → ${calls} calls: ${perCall("koe")} / ${perCall("reference")} KB`);
  }
}
if (rounds > 1) {
  console.log(`\nCPU µs/frame, Koe/reference, median of ${rounds} rounds (lowest–highest):`);
  for (const [calls, ratios] of cpuRatios) {
    const sorted = ratios.toSorted((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    console.log(
      `  ${calls} calls: ${median.toFixed(2)} (${sorted[0]?.toFixed(2)}–${sorted.at(-1)?.toFixed(2)})`,
    );
  }
}

type Bridge = {
  process: WatchedProcess;
  dial(index: number): Promise<StreamTarget>;
  /** Resolves once the bridge has nothing of the calls' set-up left to write. */
  setUpWritten(): Promise<void>;
  close(): Promise<void>;
};

async function measure(kind: BenchRow["bridge"], calls: number): Promise<BenchRow> {
  const stats = new LoadStats();
  const peer = await FakeRealtimePeer.start(stats);
  const bridge = kind === "koe" ? await startKoe(calls, peer.url) : await startReference(peer.url);
  const callers = new Set<TwilioCaller>();
  const stopPacing = paceCallers(callers);
  try {
    const { pid } = bridge.process;
    await sleep(1_000);
    const idleRssKb = rssKb(pid);
    const failures = new Map<string, number>();
    await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        await sleep((i * 1000) / DIAL_RATE);
        try {
          callers.add(await TwilioCaller.dial(await bridge.dial(i), i, stats));
        } catch (error) {
          const reason = String(error).slice(0, 120);
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        }
      }),
    );
    for (const [reason, count] of failures)
      console.error(`${kind}, ${calls} calls: ${count} failed: ${reason}`);
    const failed = calls - callers.size;
    // Every stream's audio reaches the peer (or a call is lost on the way) before the window opens.
    for (let waited = 0; peer.audioSessions.size < callers.size && waited < 30_000; waited += 100)
      await sleep(100);
    const silent = callers.size - peer.audioSessions.size;
    if (silent > 0) console.error(`${kind}, ${calls} calls: ${silent} streams' audio never reached the peer`);
    if (failures.size > 0 || silent > 0)
      console.error(`the ${kind} bridge's last output:\n${lastOutput(bridge.process)}`);
    await sleep(WARM_UP_MS);
    await bridge.setUpWritten();
    await settled(pid);
    const cpuBefore = cpuSeconds(pid);
    const writesBefore = writeSyscalls(pid);
    stats.measuring = true;
    await sleep(windowMs);
    stats.measuring = false;
    const cpu = cpuSeconds(pid) - cpuBefore;
    const writes = writeSyscalls(pid) - writesBefore;
    const loadedRssKb = rssKb(pid);
    for (const caller of callers) caller.sending = false;
    peer.stopSending();
    await drained(stats);
    if (!bridge.process.running())
      throw new Error(`the ${kind} bridge exited under ${calls} calls:\n${lastOutput(bridge.process)}`);
    const frames = stats.inbound.inWindow + stats.outbound.inWindow;
    return {
      bridge: kind,
      calls,
      failed: failed + (callers.size - peer.audioSessions.size),
      framesPerSecond: frames / (windowMs / 1000),
      cpuUsPerFrame: frames === 0 ? Number.NaN : (cpu * 1e6) / frames,
      writesPerFrame: frames === 0 ? Number.NaN : writes / frames,
      inboundMs: stats.inbound.latenciesMs,
      outboundMs: stats.outbound.latenciesMs,
      lostIn: stats.inbound.sent - stats.inbound.received,
      lostOut: stats.outbound.sent - stats.outbound.received,
      idleRssMb: idleRssKb / 1024,
      rssPerCallKb: (loadedRssKb - idleRssKb) / calls,
    };
  } finally {
    stopPacing();
    for (const caller of callers) caller.close();
    await sleep(500);
    await bridge.process.stop();
    await bridge.close();
    await peer.close();
  }
}

/**
 * Waits until the bridge's CPU use per second holds steady (within 10 %), at most 20 s: whatever a
 * call's set-up left behind (its garbage, its timers) belongs to the set-up, not to relaying frames.
 */
async function settled(pid: number): Promise<void> {
  let last = Number.NaN;
  for (let waited = 0; waited < 20_000; waited += 1000) {
    const before = cpuSeconds(pid);
    await sleep(1000);
    const used = cpuSeconds(pid) - before;
    if (Math.abs(used - last) <= 0.1 * last) return;
    last = used;
  }
}

/** Waits until nothing more arrives on either side (at most 10 s). */
async function drained(stats: LoadStats): Promise<void> {
  let last = -1;
  for (let waited = 0; waited < 10_000; waited += 500) {
    const now = stats.inbound.received + stats.outbound.received;
    if (now === last) return;
    last = now;
    await sleep(500);
  }
}

async function startReference(peerUrl: string): Promise<Bridge> {
  const port = await freePort();
  const child = await startBenchProcess({
    name: "the reference relay",
    entry: "bench/reference-relay.ts",
    // ws as a plain install has it: without the optional native `bufferutil`, which Koe's bridge adds.
    env: {
      PORT: String(port),
      OPENAI_REALTIME_URL: peerUrl,
      OPENAI_API_KEY: "sk-bench",
      WS_NO_BUFFER_UTIL: "1",
    },
    healthUrl: `http://127.0.0.1:${port}/healthz`,
    profileDir: values.profile,
    core: 0,
  });
  return {
    process: child,
    dial: async (index) => ({
      url: `ws://127.0.0.1:${port}/media-stream`,
      headers: {},
      callSid: callSid(index),
      customParameters: {},
    }),
    setUpWritten: async () => {},
    close: async () => {},
  };
}

async function startKoe(calls: number, peerUrl: string): Promise<Bridge> {
  const koe = await startBenchBridge({
    calls,
    openaiUrl: peerUrl,
    // The webhook's fallback deadline guards a live line; here a loaded machine would only turn
    // calls away before the relay is measured.
    env: {
      VOICE_WEBHOOK_DEADLINE_MS: "60000",
      DATABASE_CONNECT_TIMEOUT_MS: "60000",
      DATABASE_STATEMENT_TIMEOUT_MS: "60000",
      ...KOE_START_ENV,
    },
    nodeArgs: KOE_NODE_FLAGS,
    profileDir: values.profile,
    core: 0,
  });
  return {
    process: koe.process,
    dial: async (index) => {
      const sid = callSid(index);
      const params = {
        AccountSid: "ACbench",
        CallSid: sid,
        CallStatus: "ringing",
        Direction: "inbound",
        From: `+8190${String(index).padStart(8, "0")}`,
        To: "+815012345678",
      };
      const voiceUrl = `${BENCH_PUBLIC_BASE_URL}/api/twilio/voice`;
      const answer = await fetch(`${koe.url}/api/twilio/voice`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(BENCH_AUTH_TOKEN, voiceUrl, params),
        },
        body: new URLSearchParams(params),
      });
      const stream = parseTwiml(await answer.text()).stream;
      if (!stream) throw new Error(`the voice webhook answered ${answer.status} without a stream`);
      return {
        url: new URL(new URL(stream.url).pathname, koe.url.replace(/^http/, "ws")).toString(),
        headers: {
          "x-twilio-signature": twilio.getExpectedTwilioSignature(BENCH_AUTH_TOKEN, stream.url, {}),
        },
        callSid: sid,
        customParameters: stream.parameters,
      };
    },
    setUpWritten: () => journalEmpty(koe.metricsUrl),
    close: () => koe.db.close(),
  };
}

/**
 * Waits (at most 60 s) until Koe's call journal holds nothing: the calls' set-up rows and events
 * are written, and the window measures relaying alone.
 */
async function journalEmpty(metricsUrl: string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 250) {
    const text = await (await fetch(metricsUrl)).text();
    if (/^koe_journal_pending\{[^}]*\} 0$/m.test(text)) return;
    await sleep(250);
  }
  console.error("Koe's call journal still held set-up writes after 60 s; measuring anyway");
}

function callSid(index: number): string {
  return `CA${String(index).padStart(32, "0")}`;
}
