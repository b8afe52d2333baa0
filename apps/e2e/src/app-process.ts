import { fileURLToPath } from "node:url";
import { startWatchedProcess, type WatchedProcess } from "@koe/cluster";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type AppProcess = WatchedProcess & { name: string };

/**
 * Runs a built app (`apps/<name>/dist/main.js`, what `pnpm start` runs) with only the given
 * environment, keeping its output for the failure message, and waits for its health check.
 */
export async function startApp(
  name: "api" | "bridge",
  env: Record<string, string>,
  healthUrl: string,
): Promise<AppProcess> {
  const app = await startWatchedProcess({
    name,
    entry: `${REPO_ROOT}apps/${name}/dist/main.js`,
    cwd: `${REPO_ROOT}apps/${name}`,
    env,
    healthUrl,
  });
  return { ...app, name };
}
