// `pnpm bench:bridge`: Koe's bridge against a reference relay (`reference-relay.ts`, the least a
// Node bridge can do), one after the other in the same run, under the same load (`relay-load.ts`):
// N Twilio-style calls at 50 frames/s in, ten 100 ms audio deltas/s out, marks echoed. The bridge
// is pinned to one core and this process (callers and the OpenAI stand-in) to the other, so the
// figures are the bridge's own; on a shared machine the ratios Koe/reference are what count.
// CPU and latency are taken over a window once every call streams and the bridge's CPU use has
// settled (Koe's set-up writes are done); frames lost are counted after
// the load stops and what was in flight has drained.
//   --calls 100,400,800   --seconds 10 (the window)   --profile <dir> (each bridge's CPU profile)
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { seed } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import { parseTwiml } from "@koe/sim";
import twilio from "twilio";
import { FakeRealtimePeer, LoadStats, paceCallers, type StreamTarget, TwilioCaller } from "./relay-load.ts";
import { type BenchRow, formatRows, TABLE_HEADER } from "./relay-table.ts";

const AUTH_TOKEN = "bench-auth-token";
const PUBLIC_BASE_URL = "https://voice.example.jp";
const BRIDGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const TASKSET = "/usr/bin/taskset";
/** Calls dialled per second while the run ramps up, as a busy line would see them. */
const DIAL_RATE = 50;
const WARM_UP_MS = 2_000;
const KOE_LOG = join(tmpdir(), "koe-bench-bridge.log");
/** The V8 flags `pnpm start` gives the bridge (its heap sizes), so the bench runs it as production does. */
const KOE_NODE_FLAGS = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    scripts: { start: string };
  }
).scripts.start
  .split(" ")
  .filter((word) => word.startsWith("--"));

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "100,400,800" },
    seconds: { type: "string", default: "10" },
    profile: { type: "string" },
  },
});
const sizes = values.calls.split(",").map(Number);
const windowMs = Number(values.seconds) * 1000;
const pinned = existsSync(TASKSET) && availableParallelism() >= 2;
// The load lives on the second core, the bridge on the first.
if (pinned) execFileSync(TASKSET, ["-a", "-cp", "1", String(process.pid)], { stdio: "ignore" });

console.log(
  `Bridge benchmark: ${pinned ? "bridge pinned to core 0, load to core 1" : "not pinned (no taskset or one core)"}; ` +
    `50 frames/s in and 10 deltas/s out per call, a ${values.seconds} s window. Latency in ms as p50 / p95 / p99.\n`,
);
console.log(TABLE_HEADER);
for (const calls of sizes) {
  const reference = await measure("reference", calls);
  console.log(formatRows(reference, await measure("koe", calls)));
}

type Bridge = {
  process: ChildProcess;
  baseUrl: string;
  dial(index: number): Promise<StreamTarget>;
  close(): Promise<void>;
};

async function measure(kind: BenchRow["bridge"], calls: number): Promise<BenchRow> {
  const stats = new LoadStats();
  const peer = await FakeRealtimePeer.start(stats);
  const bridge = kind === "koe" ? await startKoe(calls, peer.url) : await startReference(peer.url);
  const callers = new Set<TwilioCaller>();
  const stopPacing = paceCallers(callers);
  try {
    const pid = bridge.process.pid ?? 0;
    await untilOk(() => fetch(`${bridge.baseUrl}/healthz`));
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
      console.error(
        `${kind}, ${calls} calls: ${count} failed: ${reason} (see ${kind === "koe" ? KOE_LOG : "its log"})`,
      );
    const failed = calls - callers.size;
    // Every stream's audio reaches the peer (or a call is lost on the way) before the window opens.
    for (let waited = 0; peer.audioSessions.size < callers.size && waited < 30_000; waited += 100)
      await sleep(100);
    await sleep(WARM_UP_MS);
    await settled(pid);
    const cpuBefore = cpuSeconds(pid);
    stats.measuring = true;
    await sleep(windowMs);
    stats.measuring = false;
    const cpu = cpuSeconds(pid) - cpuBefore;
    const loadedRssKb = rssKb(pid);
    for (const caller of callers) caller.sending = false;
    peer.stopSending();
    await drained(stats);
    if (bridge.process.exitCode !== null) throw new Error(`the ${kind} bridge exited under ${calls} calls`);
    const frames = stats.inbound.inWindow + stats.outbound.inWindow;
    return {
      bridge: kind,
      calls,
      failed: failed + (callers.size - peer.audioSessions.size),
      framesPerSecond: frames / (windowMs / 1000),
      cpuUsPerFrame: frames === 0 ? Number.NaN : (cpu * 1e6) / frames,
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
    await stop(bridge.process);
    await bridge.close();
    await peer.close();
  }
}

/**
 * Waits until the bridge's CPU use per second holds steady (within 10 %), at most 20 s: Koe writes
 * each call's set-up to its database for a few seconds after the call streams, and that belongs
 * to the call's set-up, not to relaying its frames.
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

/** Starts a bridge on the first core; its log goes to a file (printed when calls fail). */
function spawnPinned(args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const profile = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
  const node = [process.execPath, ...profile, ...args];
  const [command, ...rest] = pinned ? [TASKSET, "-c", "0", ...node] : node;
  return spawn(command ?? process.execPath, rest, {
    cwd: BRIDGE_DIR,
    stdio: ["ignore", openSync(log, "w"), "inherit"],
    env: { ...process.env, ...env },
  });
}

async function startReference(peerUrl: string): Promise<Bridge> {
  const port = await freePort();
  const child = spawnPinned(
    ["bench/reference-relay.ts"],
    {
      PORT: String(port),
      OPENAI_REALTIME_URL: peerUrl,
      OPENAI_API_KEY: "sk-bench",
    },
    join(tmpdir(), "koe-bench-reference.log"),
  );
  return {
    process: child,
    baseUrl: `http://127.0.0.1:${port}`,
    dial: async (index) => ({
      url: `ws://127.0.0.1:${port}/media-stream`,
      headers: {},
      callSid: callSid(index),
      customParameters: {},
    }),
    close: async () => {},
  };
}

async function startKoe(calls: number, peerUrl: string): Promise<Bridge> {
  const db: TestDatabase = await createTestDatabase();
  await seed(db.prisma);
  // The demo company's line cap and budget are a product's limits, not the bridge's: lift them.
  await db.prisma.company.updateMany({ data: { maxConcurrentCalls: calls, monthlyBudgetUsd: 1_000_000 } });
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawnPinned(
    [...KOE_NODE_FLAGS, "src/main.ts"],
    {
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DATABASE_URL: db.url,
      BRIDGE_PORT: String(port),
      BRIDGE_METRICS_PORT: String(metricsPort),
      BRIDGE_INSTANCE: "bench",
      SHUTDOWN_GRACE_MS: "2000",
      // The webhook's fallback deadline guards a live line; here a loaded machine would only turn
      // calls away before the relay is measured.
      VOICE_WEBHOOK_DEADLINE_MS: "60000",
      DATABASE_CONNECT_TIMEOUT_MS: "60000",
      DATABASE_STATEMENT_TIMEOUT_MS: "60000",
      ENABLE_REALTIME_API: "true",
      OPENAI_API_KEY: "sk-bench",
      OPENAI_REALTIME_URL: peerUrl,
      TWILIO_ACCOUNT_SID: "ACbench",
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      PUBLIC_BASE_URL,
    },
    KOE_LOG,
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    process: child,
    baseUrl,
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
      const voiceUrl = `${PUBLIC_BASE_URL}/api/twilio/voice`;
      const answer = await fetch(`${baseUrl}/api/twilio/voice`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, voiceUrl, params),
        },
        body: new URLSearchParams(params),
      });
      const stream = parseTwiml(await answer.text()).stream;
      if (!stream) throw new Error(`the voice webhook answered ${answer.status} without a stream`);
      return {
        url: new URL(new URL(stream.url).pathname, `ws://127.0.0.1:${port}`).toString(),
        headers: { "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, stream.url, {}) },
        callSid: sid,
        customParameters: stream.parameters,
      };
    },
    close: () => db.close(),
  };
}

function callSid(index: number): string {
  return `CA${String(index).padStart(32, "0")}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  return typeof address === "object" && address ? address.port : 0;
}

async function untilOk(request: () => Promise<Response>): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (
      await request().then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error("a bridge did not come up");
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}

/** utime + stime of a process, in seconds (Linux /proc, 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0);
}
