// `pnpm --filter @koe/bridge bench:scenario`: N concurrent simulated calls through one bridge process, with the model's
// own latency at 0, measuring what the bridge adds. Three processes, as in production the bridge
// shares no process with its peers: the bridge, the GA simulator, and the callers (here), with
// frames stamped on both sides on a clock the processes share.
//   --calls 10,100,500,1000   --profile <dir> writes each run's CPU profiles (bridge, simulator) there
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { freePort } from "@koe/cluster";
import { type CallResult, emptyCallResult, placeCall, type SimulatorStats, scenarioSchema } from "@koe/sim";
import {
  BENCH_AUTH_TOKEN,
  BENCH_PUBLIC_BASE_URL,
  cpuSeconds,
  lastOutput,
  rssKb,
  startBenchBridge,
  startBenchProcess,
} from "./bench-process.ts";

const SIM_CLI = fileURLToPath(new URL("../../../packages/sim/src/cli/realtime.ts", import.meta.url));

const SCENARIO = scenarioSchema.parse({
  name: "bench",
  description: "greeting, a question, an answer the caller interrupts, a last answer",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。" },
    { speaker: "caller", say: "予約をお願いします", pauseMs: 300 },
    { speaker: "agent", say: "かしこまりました。ご希望の日時をお聞かせください。" },
    { speaker: "caller", say: "来週の火曜日です", interruptAfterMs: 800 },
    { speaker: "agent", say: "承知しました。" },
  ],
});

type Row = {
  calls: number;
  failed: number;
  inbound: number[];
  outbound: number[];
  turn: number[];
  bargeIn: number[];
  /** Bridge CPU time (user + system) per call: independent of how long the calls took. */
  cpuMsPerCall: number;
  /** The same as a share of one core while a call is live (its stream's duration). */
  cpuPerLiveCallPct: number;
  memoryPerCallKb: number;
  lostIn: number;
  lostOut: number;
};

const { values } = parseArgs({
  options: { calls: { type: "string", default: "10,100,500,1000" }, profile: { type: "string" } },
});
const sizes = values.calls.split(",").map(Number);
printHeader();
for (const calls of sizes) printRow(await run(calls));

async function run(calls: number): Promise<Row> {
  const simPort = await freePort();
  const simControl = `http://127.0.0.1:${simPort}`;
  const simulator = await startBenchProcess({
    name: "the simulator",
    entry: SIM_CLI,
    // Real-time pacing (not the API's bursts): figures stay comparable with earlier runs.
    args: ["--port", String(simPort), "--latency", "0", "--stamp", "--pace", "1", "--burst-ms", "0"],
    env: {},
    healthUrl: `${simControl}/stats`,
    profileDir: values.profile,
  });
  const bridge = await startBenchBridge({
    calls,
    openaiUrl: `ws://127.0.0.1:${simPort}/v1/realtime`,
    profileDir: values.profile,
  }).catch(async (error: unknown) => {
    await simulator.stop();
    throw error;
  });
  const { db } = bridge;
  try {
    const scenario = await fetch(`${simControl}/scenario`, {
      method: "PUT",
      body: JSON.stringify({ scenario: SCENARIO }),
    });
    if (!scenario.ok) throw new Error(`the simulator refused the scenario: ${await scenario.text()}`);
    const { pid } = bridge.process;
    const cpuBefore = cpuSeconds(pid);
    const rssBefore = rssKb(pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      if (bridge.process.running()) rssPeak = Math.max(rssPeak, rssKb(pid));
    }, 250);
    // Calls arrive over a few seconds (at most 100 a second), as a busy line would see them.
    const rampMs = Math.min(10_000, calls * 10);
    const results: CallResult[] = await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        await new Promise((r) => setTimeout(r, (i * rampMs) / calls));
        return placeCall({
          bridgeUrl: bridge.url,
          publicBaseUrl: BENCH_PUBLIC_BASE_URL,
          authToken: BENCH_AUTH_TOKEN,
          scenario: SCENARIO,
          stampFrames: true,
          turnTimeoutMs: 60_000,
        }).catch((error: unknown) => failedCall(error));
      }),
    );
    if (!bridge.process.running())
      throw new Error(`the bridge exited under ${calls} calls:\n${lastOutput(bridge.process)}`);
    for (const r of results.filter((r) => r.error).slice(0, 3)) console.error(`call failed: ${r.error}`);
    clearInterval(sampler);
    const cpu = cpuSeconds(pid) - cpuBefore;
    const discarded = metricSum(await (await fetch(bridge.metricsUrl)).text(), "koe_frames_discarded_total");
    const events = await db.prisma.callEvent.findMany({
      where: { type: { in: ["turn_latency", "barge_in"] } },
      select: { type: true, payload: true },
    });
    const sim = (await (await fetch(`${simControl}/stats`)).json()) as SimulatorStats;
    const framesSent = results.reduce((n, r) => n + r.framesSent, 0);
    const mediaReceived = results.reduce(
      (n, r) => n + r.received.filter((m) => m.event === "media").length,
      0,
    );
    return {
      calls,
      // A call the bridge answered without a media stream (refused, or sent elsewhere) failed too.
      failed: results.filter((r) => r.error !== null || r.twiml.stream === null).length,
      inbound: sim.inboundLatenciesMs,
      outbound: results.flatMap((r) => r.outboundLatenciesMs),
      turn: events
        .filter((e) => e.type === "turn_latency")
        .map((e) => (e.payload as { latencyMs: number }).latencyMs),
      bargeIn: events
        .filter((e) => e.type === "barge_in")
        .map((e) => (e.payload as { reactionMs: number }).reactionMs),
      cpuMsPerCall: (cpu * 1000) / calls,
      cpuPerLiveCallPct: (cpu / (framesSent * 0.02)) * 100,
      memoryPerCallKb: (rssPeak - rssBefore) / calls,
      lostIn: framesSent - sim.appendsReceived,
      lostOut: sim.deltasSent - mediaReceived - discarded,
    };
  } finally {
    await bridge.stop();
    await simulator.stop();
  }
}

/** A call the bridge never answered (its webhook failed): counted as failed, with no frames. */
function failedCall(error: unknown): CallResult {
  const result = emptyCallResult("", {
    stream: null,
    says: [],
    gatherAction: null,
    dial: null,
    hangup: false,
  });
  result.error = `webhook failed: ${error instanceof Error ? error.message : String(error)}`;
  return result;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function ms(v: number): string {
  return Number.isNaN(v) ? "–" : v.toFixed(v < 10 ? 2 : 0);
}
function triple(values: number[]): string {
  return `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))} / ${ms(percentile(values, 99))}`;
}

function printHeader(): void {
  console.log(
    "Bridge benchmark: one bridge process, GA simulator with zero model latency, frames stamped end to end.",
  );
  console.log(
    "Latencies in ms as p50 / p95 / p99; frame latency covers both loopback hops through the bridge.\n",
  );
  console.log(
    "| calls | failed | frame in (Twilio→OpenAI) | frame out (OpenAI→Twilio) | turn latency | barge-in reaction | bridge CPU/call | memory/call | frames lost in/out |",
  );
  console.log("|---:|---:|---|---|---|---|---:|---:|---|");
}

function printRow(r: Row): void {
  console.log(
    `| ${r.calls} | ${r.failed} | ${triple(r.inbound)} | ${triple(r.outbound)} | ${triple(r.turn)} | ${triple(r.bargeIn)} | ${Math.round(r.cpuMsPerCall)} ms (${r.cpuPerLiveCallPct.toFixed(2)} % of a core) | ${Math.round(r.memoryPerCallKb)} KB | ${r.lostIn} / ${r.lostOut} |`,
  );
}

/** A counter's total over all its label sets. */
function metricSum(text: string, name: string): number {
  return text
    .split("\n")
    .filter((l) => l.startsWith(name))
    .reduce((sum, l) => sum + Number(l.split(" ").at(-1) ?? 0), 0);
}
