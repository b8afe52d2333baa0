import { fileURLToPath } from "node:url";
import { freePort, startWatchedProcess } from "@koe/cluster";

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
  const url = `http://127.0.0.1:${port}`;
  const bridge = await startWatchedProcess({
    name: "the bridge",
    entry: "src/main.ts",
    cwd: BRIDGE_DIR,
    env: {
      LOG_LEVEL: "warn",
      BRIDGE_INSTANCE: `eval-${process.pid}-${port}`,
      PUBLIC_BASE_URL: url,
      ...env,
      BRIDGE_PORT: String(port),
      BRIDGE_METRICS_PORT: String(metricsPort),
      BRIDGE_METRICS_HOST: "127.0.0.1",
    },
    healthUrl: `${url}/healthz`,
  });
  return {
    url,
    pid: bridge.pid,
    output: bridge.output,
    async cpuSeconds() {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      // The bridge labels every metric (`{app="koe-bridge"}`).
      const value = (name: string) =>
        Number(text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, "m"))?.[1] ?? 0);
      return value("process_cpu_user_seconds_total") + value("process_cpu_system_seconds_total");
    },
    stop: () => bridge.stop(),
  };
}
