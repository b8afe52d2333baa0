import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";

export type WatchedProcessOptions = {
  /** What the failure messages call it ("api", "bridge-p2"). */
  name: string;
  /** The Node entry point it runs (`dist/main.js`, or `src/main.ts` from source). */
  entry: string;
  /** Node's own options before the entry (heap sizes, `--cpu-prof`). */
  nodeArgs?: string[];
  /** The entry's own arguments. */
  args?: string[];
  cwd: string;
  /** Its whole environment besides PATH: nothing leaks in from the parent's. */
  env: Record<string, string>;
  /** Polled until it answers 2xx. */
  healthUrl: string;
  healthTimeoutMs?: number;
};

export type WatchedProcess = {
  pid: number;
  /** Everything it wrote to stdout and stderr, for failure messages. */
  output: string[];
  /** Whether it is still running (it may have crashed since it started). */
  running(): boolean;
  /** SIGKILL, as a crash or an OOM kill would: nothing of it runs on. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. Resolves once it is gone. */
  stop(): Promise<void>;
};

/**
 * Runs a Node process of Koe's (an api or a bridge) for a test, a benchmark or an evaluation run,
 * keeping its output and waiting until its health check answers. It fails with that output when
 * the process exits or stays silent past `healthTimeoutMs`.
 */
export async function startWatchedProcess(options: WatchedProcessOptions): Promise<WatchedProcess> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), options.entry, ...(options.args ?? [])],
    {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk) => output.push(String(chunk)));
  const exited = once(child, "exit");
  await waitHealthy(child, options, output);
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = async (sig: NodeJS.Signals) => {
    if (!running()) return;
    child.kill(sig);
    await exited;
  };
  return {
    pid: child.pid ?? 0,
    output,
    running,
    kill: () => signal("SIGKILL"),
    async stop() {
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await signal("SIGTERM");
      clearTimeout(timer);
    },
  };
}

async function waitHealthy(child: ChildProcess, options: WatchedProcessOptions, output: string[]) {
  const timeoutMs = options.healthTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} exited (${child.exitCode}):\n${output.join("")}`);
    const healthy = await fetch(options.healthUrl).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error(
    `${options.name} did not answer ${options.healthUrl} within ${timeoutMs / 1000} s:\n${output.join("")}`,
  );
}
