import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { freePort, startWatchedProcess, type WatchedProcess } from "@koe/cluster";
import { seed } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";

const BRIDGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const TASKSET = "/usr/bin/taskset";

/** What the benchmarks' callers sign Twilio's requests with, and the origin they sign them for. */
export const BENCH_AUTH_TOKEN = "bench-auth-token";
export const BENCH_PUBLIC_BASE_URL = "https://voice.example.jp";

/** Whether processes can be pinned to cores: taskset and at least two cores. */
export const CAN_PIN = existsSync(TASKSET) && availableParallelism() >= 2;

/** Pins a running process, every thread of it, to one core. */
export function pinToCore(pid: number, core: number): void {
  execFileSync(TASKSET, ["-a", "-cp", String(core), String(pid)], { stdio: "ignore" });
}

/**
 * A process a benchmark measures (a bridge, the simulator, the reference relay), run from the
 * bridge's folder and up once `healthUrl` answers; with its CPU profile in `profileDir` when
 * given, and pinned to `core` (once up) when given and possible.
 */
export async function startBenchProcess(options: {
  name: string;
  entry: string;
  args?: string[];
  env: Record<string, string>;
  healthUrl: string;
  nodeArgs?: string[];
  profileDir?: string | undefined;
  core?: number;
}): Promise<WatchedProcess> {
  const started = await startWatchedProcess({
    name: options.name,
    entry: options.entry,
    args: options.args ?? [],
    cwd: BRIDGE_DIR,
    env: options.env,
    healthUrl: options.healthUrl,
    healthTimeoutMs: 120_000,
    nodeArgs: [
      ...(options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : []),
      ...(options.nodeArgs ?? []),
    ],
  });
  if (options.core !== undefined && CAN_PIN) pinToCore(started.pid, options.core);
  return started;
}

export type BenchBridge = {
  process: WatchedProcess;
  db: TestDatabase;
  /** http://127.0.0.1:<port> */
  url: string;
  metricsUrl: string;
  /** Stops the bridge, then drops its database. */
  stop(): Promise<void>;
};

/**
 * Koe's bridge as production runs it (`src/main.ts`, warnings only), over a fresh seeded database
 * whose demo company may take `calls` calls at once, with `openaiUrl` in place of OpenAI.
 */
export async function startBenchBridge(options: {
  calls: number;
  openaiUrl: string;
  /** More of its environment. */
  env?: Record<string, string>;
  nodeArgs?: string[];
  profileDir?: string | undefined;
  core?: number;
}): Promise<BenchBridge> {
  const db = await createTestDatabase();
  await seed(db.prisma);
  // The demo company's line cap and budget are a product's limits, not the bridge's: lift them.
  await db.prisma.company.updateMany({
    data: { maxConcurrentCalls: options.calls, monthlyBudgetUsd: 1_000_000 },
  });
  const [port, metricsPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const bridge = await startBenchProcess({
    name: "the Koe bridge",
    entry: "src/main.ts",
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    env: {
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DATABASE_URL: db.url,
      BRIDGE_PORT: String(port),
      BRIDGE_METRICS_PORT: String(metricsPort),
      BRIDGE_INSTANCE: "bench",
      SHUTDOWN_GRACE_MS: "2000",
      ENABLE_REALTIME_API: "true",
      OPENAI_API_KEY: "sk-bench",
      OPENAI_REALTIME_URL: options.openaiUrl,
      TWILIO_ACCOUNT_SID: "ACbench",
      TWILIO_AUTH_TOKEN: BENCH_AUTH_TOKEN,
      PUBLIC_BASE_URL: BENCH_PUBLIC_BASE_URL,
      ...options.env,
    },
    healthUrl: `${url}/healthz`,
    profileDir: options.profileDir,
    ...(options.core === undefined ? {} : { core: options.core }),
  }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  return {
    process: bridge,
    db,
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    async stop() {
      await bridge.stop();
      await db.close();
    },
  };
}

/** The last lines a benchmark process wrote, for a failure message. */
export function lastOutput(child: WatchedProcess, chars = 2_000): string {
  return child.output.join("").slice(-chars);
}

/** A process's fields in /proc/<pid>/stat after its name: utime is [11], stime [12]. */
function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
}

/** utime + stime of a process, in seconds (Linux /proc, 100 ticks a second). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** stime alone: the kernel's share (syscalls, and the loopback TCP stack they run). */
export function systemCpuSeconds(pid: number): number {
  return Number(statFields(pid)[12]) / 100;
}

/** Write syscalls a process has made (Linux /proc, `syscw`: write and writev alike). */
export function writeSyscalls(pid: number): number {
  return Number(/syscw: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, "utf8"))?.[1] ?? Number.NaN);
}

export function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0);
}
