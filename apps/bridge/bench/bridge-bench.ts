// `pnpm bench:bridge`: Koe's bridge against a reference relay (`reference-relay.ts`, the least a
// Node bridge can do), in the same run, under the same load (`relay-load.ts`): N Twilio-style
// calls at 50 frames/s in, ten 100 ms audio deltas/s out, marks echoed. Both bridges are pinned
// to one core and this process (callers and the OpenAI stand-in) to the other, so the figures are
// the bridges' own.
// Both bridges hold their calls at once and take the load in turns: short windows, alternating
// reference, Koe, Koe, reference, …, while the other's callers and peer pause. On a shared machine
// the speed of a core drifts by a third over a minute; measured one after the other, each bridge
// got a different machine, and one pair's CPU ratio moved by ±30 %. Interleaved, the drift falls on
// both alike.
// CPU is taken over the windows once every call streams, Koe's call journal has written the calls'
// set-up, and the bridge's CPU use has settled; latency over every frame sent in a window; frames
// lost once the load stops and what was in flight has drained.
//   --calls 100,400,800   --seconds 30 (each bridge's windows in all: with fewer than about 15
//   windows, one stall of the shared machine in one window decides a p99)   --slice 2 (one window, s)
//   --profile <dir> (each bridge's CPU profile)
//   --rounds 1   runs per call count; with more than one, the median CPU ratio ends the output
//   --baseline reference|koe   what Koe is measured against; `koe` runs a second, identical Koe
//   bridge in the reference's place (A/A): its ratios show how far the harness alone moves them
// Under each call count's rows, Koe's own counts say where frames it did not relay went: dropped
// (at a send cap or a full queue), discarded on purpose, or in flight on an OpenAI socket it replaced.
// With more than one call count, the RSS each added call costs between them ends the output too.
// Koe's bridge starts once before the table (its idle RSS printed), so that every row's start finds
// Node's compile cache filled.
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import {
  type Bridge,
  compileCacheFilled,
  type OwnCounters,
  startKoe,
  startReference,
} from "./bench-bridges.ts";
import {
  CAN_PIN,
  cpuSeconds,
  lastOutput,
  pinToCore,
  rssKb,
  systemCpuSeconds,
  writeSyscalls,
} from "./bench-process.ts";
import { FakeRealtimePeer, LoadStats, paceCallers, TwilioCaller } from "./relay-load.ts";
import {
  type BenchRow,
  formatOwnCounters,
  formatRows,
  rssPerAddedCallKb,
  TABLE_HEADER,
} from "./relay-table.ts";

/** Calls dialled per second while the run ramps up, as a busy line would see them. */
const DIAL_RATE = 50;
const WARM_UP_MS = 2_000;
/** How long a bridge takes the load again before its window opens: its queues and caches refill. */
const RESUME_MS = 1_000;
const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "100,400,800" },
    seconds: { type: "string", default: "30" },
    slice: { type: "string", default: "2" },
    profile: { type: "string" },
    rounds: { type: "string", default: "1" },
    baseline: { type: "string", default: "reference" },
  },
});
if (values.baseline !== "reference" && values.baseline !== "koe")
  throw new Error(`--baseline is reference or koe, not ${values.baseline}`);
const baseline: BenchRow["bridge"] = values.baseline === "koe" ? "koe (baseline)" : "reference";
const rounds = Math.max(1, Number(values.rounds));
const sizes = values.calls.split(",").map(Number);
const windowMs = Number(values.seconds) * 1000;
const sliceMs = Math.min(windowMs, Number(values.slice) * 1000);
// The load lives on the second core, the bridges on the first.
if (CAN_PIN) pinToCore(process.pid, 1);

console.log(
  `Bridge benchmark: ${CAN_PIN ? "bridges pinned to core 0, load to core 1" : "not pinned (no taskset or one core)"}; ` +
    `50 frames/s in and 10 deltas/s out per call; each bridge measured over ${values.seconds} s, in ` +
    `${sliceMs / 1000} s windows taken in turns. Latency in ms as p50 / p95 / p99.` +
    (baseline === "reference"
      ? "\n"
      : " Baseline: a second Koe bridge, so every ratio would be 1.00 but for the harness.\n"),
);
console.log(await firstStart());
console.log(TABLE_HEADER);
const cpuRatios = new Map<number, number[]>();
const measured: BenchRow[] = [];
for (const calls of sizes) {
  for (let round = 0; round < rounds; round++) {
    const base = await setUp(baseline, calls);
    const koe = await setUp("koe", calls).catch(async (error: unknown) => {
      await base.close();
      throw error;
    });
    try {
      const slices = Math.max(1, Math.round(windowMs / sliceMs));
      for (let i = 0; i < slices; i++) {
        // Baseline, Koe, then Koe, baseline: a drift within a pair of windows falls on both.
        for (const rig of i % 2 === 0 ? [base, koe] : [koe, base]) await rig.measureSlice(sliceMs);
      }
      const rows = [await base.finish(), await koe.finish()] as const;
      measured.push(...rows);
      cpuRatios.set(calls, [...(cpuRatios.get(calls) ?? []), rows[1].cpuUsPerFrame / rows[0].cpuUsPerFrame]);
      console.log(formatRows(...rows));
      for (const [kind, rig] of [
        [baseline, base],
        ["koe", koe],
      ] as const) {
        const counters = await rig.ownCounters();
        if (counters) console.log(formatOwnCounters(kind, calls, counters));
      }
    } finally {
      await koe.close();
      await base.close();
    }
  }
}
if (sizes.length > 1) {
  console.log(`\nRSS per added call between call counts (median loaded RSS of each), Koe / ${baseline}:`);
  for (const [i, calls] of sizes.slice(1).entries()) {
    const from = sizes[i] ?? 0;
    const perCall = (bridge: BenchRow["bridge"]) =>
      rssPerAddedCallKb(measured, bridge, from, calls).toFixed(0);
    console.log(`  ${from} → ${calls} calls: ${perCall("koe")} / ${perCall(baseline)} KB`);
  }
}
if (rounds > 1) {
  console.log(`\nCPU µs/frame, Koe / ${baseline}, median of ${rounds} rounds (lowest–highest):`);
  for (const [calls, ratios] of cpuRatios) {
    const sorted = ratios.toSorted((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    console.log(
      `  ${calls} calls: ${median.toFixed(2)} (${sorted[0]?.toFixed(2)}–${sorted.at(-1)?.toFixed(2)})`,
    );
  }
}

/**
 * Starts Koe's bridge once before the table, so that every row's start finds Node's compile cache
 * filled, as a deployed bridge's every start after its first does; without it, the first call
 * count's idle RSS held the TypeScript stripper (about 25 MB) and the RSS per added call after it
 * came out negative. What that first start holds is said beside the table.
 */
async function firstStart(): Promise<string> {
  const cached = compileCacheFilled();
  // No call is made: the OpenAI address is never dialled.
  const koe = await startKoe(1, "ws://127.0.0.1:9/unused", undefined);
  try {
    await sleep(1_000);
    const idleMb = (rssKb(koe.process.pid) / 1024).toFixed(1);
    return cached
      ? `Koe's first start found Node's compile cache filled: idle RSS ${idleMb} MB.\n`
      : `Koe's first start filled Node's compile cache: idle RSS ${idleMb} MB then (a fresh checkout or deploy); ` +
          "the starts measured below find the cache filled, as every later start of a deployed bridge does.\n";
  } finally {
    await koe.process.stop();
    await koe.close();
  }
}

/** One bridge with its calls up, its load paused between its windows. */
type Rig = {
  /** Takes the load for `ms` plus `RESUME_MS`, measuring the last `ms`, then pauses it again. */
  measureSlice(ms: number): Promise<void>;
  /** The bridge's row from its windows (after each, its load paused and what was in flight drained). */
  finish(): Promise<BenchRow>;
  /** The bridge's own counts of frames it did not relay (Koe's metrics), null for the reference. */
  ownCounters(): Promise<OwnCounters | null>;
  close(): Promise<void>;
};

/** Starts one bridge and its calls, and waits until its load has settled; then pauses the load. */
async function setUp(kind: BenchRow["bridge"], calls: number): Promise<Rig> {
  const stats = new LoadStats();
  const peer = await FakeRealtimePeer.start(stats);
  let bridge: Bridge | null = null;
  const callers = new Set<TwilioCaller>();
  const stopPacing = paceCallers(callers);
  const close = async () => {
    stopPacing();
    for (const caller of callers) caller.close();
    await sleep(500);
    await bridge?.process.stop();
    await bridge?.close();
    await peer.close();
  };
  try {
    bridge =
      kind === "reference"
        ? await startReference(peer.url, values.profile)
        : await startKoe(calls, peer.url, values.profile);
    const { process: child } = bridge;
    const { pid } = child;
    await sleep(1_000);
    const idleRssKb = rssKb(pid);
    const failures = new Map<string, number>();
    await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        await sleep((i * 1000) / DIAL_RATE);
        try {
          callers.add(await TwilioCaller.dial(await (bridge as Bridge).dial(i), i, stats));
        } catch (error) {
          const reason = String(error).slice(0, 120);
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        }
      }),
    );
    for (const [reason, count] of failures)
      console.error(`${kind}, ${calls} calls: ${count} failed: ${reason}`);
    const failed = calls - callers.size;
    // Every stream's audio reaches the peer (or a call is lost on the way) before the windows.
    for (let waited = 0; peer.audioSessions.size < callers.size && waited < 30_000; waited += 100)
      await sleep(100);
    const silent = callers.size - peer.audioSessions.size;
    if (silent > 0) console.error(`${kind}, ${calls} calls: ${silent} streams' audio never reached the peer`);
    if (failures.size > 0 || silent > 0)
      console.error(`the ${kind} bridge's last output:\n${lastOutput(child)}`);
    await sleep(WARM_UP_MS);
    await bridge.setUpWritten();
    await settled(pid);
    const pause = async () => {
      for (const caller of callers) caller.sending = false;
      peer.pause();
      await drained(stats);
    };
    await pause();
    let cpu = 0;
    let sys = 0;
    let writes = 0;
    let measuredMs = 0;
    let loadedRssKb = idleRssKb;
    return {
      async measureSlice(ms) {
        const now = performance.now();
        for (const caller of callers) caller.resume(now);
        peer.resume();
        await sleep(RESUME_MS);
        const [cpuBefore, sysBefore, writesBefore] = [
          cpuSeconds(pid),
          systemCpuSeconds(pid),
          writeSyscalls(pid),
        ];
        const startedAt = performance.now();
        stats.openWindow();
        await sleep(ms);
        stats.closeWindow();
        cpu += cpuSeconds(pid) - cpuBefore;
        sys += systemCpuSeconds(pid) - sysBefore;
        writes += writeSyscalls(pid) - writesBefore;
        measuredMs += performance.now() - startedAt;
        loadedRssKb = rssKb(pid);
        await pause();
      },
      async finish() {
        if (!child.running())
          throw new Error(`the ${kind} bridge exited under ${calls} calls:\n${lastOutput(child)}`);
        const frames = stats.inbound.inWindow + stats.outbound.inWindow;
        return {
          bridge: kind,
          calls,
          failed: failed + silent,
          framesPerSecond: frames / (measuredMs / 1000),
          cpuUsPerFrame: frames === 0 ? Number.NaN : (cpu * 1e6) / frames,
          sysUsPerFrame: frames === 0 ? Number.NaN : (sys * 1e6) / frames,
          writesPerFrame: frames === 0 ? Number.NaN : writes / frames,
          inboundMs: stats.inbound.latenciesMs,
          outboundMs: stats.outbound.latenciesMs,
          lostIn: stats.inbound.sent - stats.inbound.received,
          lostOut: stats.outbound.sent - stats.outbound.received,
          idleRssMb: idleRssKb / 1024,
          rssPerCallKb: (loadedRssKb - idleRssKb) / calls,
        };
      },
      ownCounters: () => (bridge as Bridge).ownCounters(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
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
