import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { freePort } from "./free-port.ts";
import { type ProcessGroup, runProcessGroup } from "./process-group.ts";

const ENTRY = fileURLToPath(new URL("./testing/named-server-process.ts", import.meta.url));
let group: ProcessGroup | null = null;
afterEach(async () => {
  await group?.stop("SIGTERM");
});

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what}`);
}

// Three waits of up to a minute each (both processes up, the killed one back): on CI's loaded start
// a process takes many seconds to start, so the test may take longer than vitest's minute.
it("runs the processes behind HAProxy under their names, restarts one that dies, and stops all in order", {
  timeout: 240_000,
}, async () => {
  const port = await freePort();
  const ports = [await freePort(), await freePort()];
  group = await runProcessGroup({
    role: "bridges",
    entry: ENTRY,
    count: 2,
    listen: { host: "127.0.0.1", port },
    processEnv: (index) => ({
      name: `b${index + 1}`,
      port: ports[index] ?? 0,
      env: { NAME: `b${index + 1}`, PORT: String(ports[index]) },
    }),
    log: () => {},
  });
  const get = (path: string) =>
    fetch(`http://127.0.0.1:${port}${path}`).then(async (res) => (res.ok ? res.text() : undefined));
  // The processes start beside HAProxy: until one listens, its streams are redispatched to the other.
  const stream = (name: string) => get(`/api/twilio/media-stream/${name}`);
  for (const name of ["b1", "b2"])
    await eventually(`${name} to serve its streams`, async () =>
      (await stream(name)) === `${name} /api/twilio/media-stream/${name}` ? true : undefined,
    );
  for (const name of ["b1", "b2", "b1", "b2"])
    expect(await stream(name)).toBe(`${name} /api/twilio/media-stream/${name}`);

  const killed = group.pids().get("b2");
  process.kill(killed ?? 0, "SIGKILL");
  const restarted = await eventually("b2 to be started again", async () => {
    const pid = group?.pids().get("b2");
    return pid !== undefined &&
      pid !== killed &&
      (await get("/api/twilio/media-stream/b2")) === "b2 /api/twilio/media-stream/b2"
      ? pid
      : undefined;
  });

  const pids = [group.pids().get("b1"), restarted];
  await group.stop("SIGTERM");
  expect(await group.done).toBe(true);
  expect(pids.map(alive)).toEqual([false, false]);
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  group = null;
});
