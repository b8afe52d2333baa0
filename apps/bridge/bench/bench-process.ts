import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { startWatchedProcess, type WatchedProcess } from "@koe/cluster";

const BRIDGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const TASKSET = "/usr/bin/taskset";

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

/** The last lines a benchmark process wrote, for a failure message. */
export function lastOutput(child: WatchedProcess, chars = 2_000): string {
  return child.output.join("").slice(-chars);
}

/** utime + stime of a process, in seconds (Linux /proc, 100 ticks a second). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0);
}
