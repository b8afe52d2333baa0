import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.ts";

const BRIDGE_DIR = fileURLToPath(new URL("../../../../apps/bridge/", import.meta.url));

export type BridgeProcess = {
  url: string;
  pid: number;
  output: string[];
  /** The bridge process's CPU time so far (user + system, seconds), from its own Prometheus metrics. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * Runs the bridge from source as its own process (`apps/bridge/src/main.ts`, what `./koe dev`
 * runs) on free loopback ports, with the given environment, and waits for its health check.
 */
export async function startBridgeProcess(env: Record<string, string>): Promise<BridgeProcess> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["src/main.ts"], {
    cwd: BRIDGE_DIR,
    env: {
      PATH: process.env.PATH ?? "",
      LOG_LEVEL: "warn",
      BRIDGE_INSTANCE: `eval-${process.pid}-${port}`,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
      BRIDGE_PORT: String(port),
      BRIDGE_METRICS_PORT: String(metricsPort),
      BRIDGE_METRICS_HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk) => output.push(String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(child, `${url}/healthz`, output);
  return {
    url,
    pid: child.pid ?? 0,
    output,
    async cpuSeconds() {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      // The bridge labels every metric (`{app="koe-bridge"}`).
      const value = (name: string) =>
        Number(text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, "m"))?.[1] ?? 0);
      return value("process_cpu_user_seconds_total") + value("process_cpu_system_seconds_total");
    },
    stop: () => stopChild(child),
  };
}

async function waitHealthy(child: ChildProcess, url: string, output: string[]) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the bridge exited (${child.exitCode}):\n${output.join("")}`);
    const healthy = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error(`the bridge did not answer ${url} within 60 s:\n${output.join("")}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
