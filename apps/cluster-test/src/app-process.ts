import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type AppProcess = {
  name: string;
  pid: number;
  /** Where it listens (its own port, not HAProxy's). */
  url: string;
  output: string[];
  /** SIGKILL, as a crash or an OOM kill would: nothing of it runs on. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
};

/**
 * Runs a built app (`apps/<app>/dist/main.js`, what `./koe start` runs) with only the given
 * environment, keeping its output for the failure message, and waits for its health check.
 */
export async function startApp(
  app: "api" | "bridge",
  name: string,
  url: string,
  env: Record<string, string>,
): Promise<AppProcess> {
  const child = spawn(process.execPath, [`${REPO_ROOT}apps/${app}/dist/main.js`], {
    cwd: `${REPO_ROOT}apps/${app}`,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk) => output.push(String(chunk)));
  const exited = once(child, "exit");
  await waitHealthy(child, `${url}/healthz`, output, name);
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    await exited;
  };
  return {
    name,
    pid: child.pid ?? 0,
    url,
    output,
    kill: () => signal("SIGKILL"),
    async stop() {
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await signal("SIGTERM");
      clearTimeout(timer);
    },
  };
}

async function waitHealthy(child: ChildProcess, url: string, output: string[], name: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output.join("")}`);
    const healthy = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error(`${name} did not answer ${url} within 120 s:\n${output.join("")}`);
}
