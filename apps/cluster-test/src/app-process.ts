import { fileURLToPath } from "node:url";
import { startWatchedProcess, type WatchedProcess } from "@koe/cluster";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type AppProcess = WatchedProcess & {
  name: string;
  /** Where it listens (its own port, not HAProxy's). */
  url: string;
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
  const started = await startWatchedProcess({
    name,
    entry: `${REPO_ROOT}apps/${app}/dist/main.js`,
    cwd: `${REPO_ROOT}apps/${app}`,
    env,
    healthUrl: `${url}/healthz`,
    // Three bridges and two apis start at once on a loaded two-core machine.
    healthTimeoutMs: 120_000,
  });
  return { ...started, name, url };
}
