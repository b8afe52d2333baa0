import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type AppProcess = { name: string; output: string[]; stop(): Promise<void> };

/**
 * Runs a built app (`apps/<name>/dist/main.js`, what `pnpm start` runs) with only the given
 * environment, keeping its output for the failure message, and waits for its health check.
 */
export async function startApp(name: "api" | "bridge", env: Record<string, string>, healthUrl: string) {
  const child = spawn(process.execPath, [`${REPO_ROOT}apps/${name}/dist/main.js`], {
    cwd: `${REPO_ROOT}apps/${name}`,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk) => output.push(String(chunk)));
  const app: AppProcess = { name, output, stop: () => stopChild(child) };
  await waitHealthy(child, healthUrl, output, name);
  return app;
}

async function waitHealthy(child: ChildProcess, url: string, output: string[], name: string) {
  const deadline = Date.now() + 60_000;
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
  throw new Error(`${name} did not answer ${url} within 60 s:\n${output.join("")}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
