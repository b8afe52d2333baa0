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
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startKoe, startReference } from "./bench-bridges.ts";
import { CAN_PIN, cpuSeconds, lastOutput, pinToCore, rssKb, writeSyscalls } from "./bench-process.ts";
import { FakeRealtimePeer, LoadStats, paceCallers, TwilioCaller } from "./relay-load.ts";
import { type BenchRow, formatRows, rssPerAddedCallKb, TABLE_HEADER } from "./relay-table.ts";

/** Calls dialled per second while the run ramps up, as a busy line would see them. */
const DIAL_RATE = 50;
const WARM_UP_MS = 2_000;
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

async function measure(kind: BenchRow["bridge"], calls: number): Promise<BenchRow> {
  const stats = new LoadStats();
  const peer = await FakeRealtimePeer.start(stats);
  const bridge =
    kind === "koe"
      ? await startKoe(calls, peer.url, values.profile)
      : await startReference(peer.url, values.profile);
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
