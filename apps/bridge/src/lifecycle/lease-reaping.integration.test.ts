import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { placeCall, SCENARIOS } from "@koe/sim";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  AUTH_TOKEN,
  type BridgeHarness,
  PUBLIC_BASE_URL,
  startBridgeHarness,
} from "../testing/bridge-harness.ts";
import { holdInstanceLease, type InstanceLease } from "./instance-lease.ts";

// Short leases keep the test quick; the reaping waits on the database, not on a clock.
const LEASE = { heartbeatMs: 200, ttlMs: 1_000 };
const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

/** Starts the bridge as its own process (as production runs it); resolves with its port once it listens. */
async function spawnBridge(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the bridge exited with ${code} before listening`)));
    lines.on("line", (line) => {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === "bridge listening" && entry.port) resolve(entry.port);
    });
  });
  return { child, port };
}

describe("a bridge killed mid-call", () => {
  let survivor: BridgeHarness;
  let lease: InstanceLease;
  let doomed: ChildProcess | undefined;
  beforeAll(async () => {
    survivor = await startBridgeHarness({ sim: { audioPace: 1 } });
    lease = await holdInstanceLease(survivor.db.prisma, "test-1", LEASE, pino({ level: "silent" }));
  });
  afterAll(async () => {
    doomed?.kill("SIGKILL");
    await lease.stop();
    await survivor.close();
  });

  it("has its call ended by a surviving process: interrupted, ended event, line released", async () => {
    await survivor.db.prisma.company.updateMany({ data: { maxConcurrentCalls: 1 } });
    const spawned = await spawnBridge({
      DATABASE_URL: survivor.db.url,
      BRIDGE_PORT: "0",
      BRIDGE_INSTANCE: "rescheduled-away",
      BRIDGE_LEASE_HEARTBEAT_MS: String(LEASE.heartbeatMs),
      BRIDGE_LEASE_TTL_MS: String(LEASE.ttlMs),
      ENABLE_REALTIME_API: "true",
      OPENAI_API_KEY: "sk-sim-test",
      OPENAI_REALTIME_URL: survivor.sim.url,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      PUBLIC_BASE_URL,
      LOG_LEVEL: "info",
      NODE_ENV: "test",
    });
    doomed = spawned.child;
    survivor.sim.scenario = SCENARIOS.booking;
    const call = placeCall({
      bridgeUrl: `http://127.0.0.1:${spawned.port}`,
      publicBaseUrl: PUBLIC_BASE_URL,
      authToken: AUTH_TOKEN,
      scenario: SCENARIOS.booking,
    });
    const live = () =>
      survivor.db.prisma.callSession.findFirst({ where: { bridgeInstance: "rescheduled-away" } });
    await vi.waitFor(async () => expect((await live())?.status).toBe("active"), {
      timeout: 30_000,
      interval: 50,
    });

    doomed.kill("SIGKILL");
    const killedAt = Date.now();
    expect((await call).error).toMatch(/closed the stream/);
    await vi.waitFor(async () => expect((await live())?.status).toBe("interrupted"), {
      timeout: 30_000,
      interval: 50,
    });
    console.info(
      `reaped ${Date.now() - killedAt} ms after SIGKILL (lease ${LEASE.ttlMs} ms, heartbeat ${LEASE.heartbeatMs} ms)`,
    );
    const row = await survivor.db.prisma.callSession.findFirstOrThrow({
      where: { bridgeInstance: "rescheduled-away" },
      include: { events: { where: { type: "status" }, orderBy: { id: "asc" } } },
    });
    expect(row.endReason).toBe("bridge_restarted");
    expect(row.events.at(-1)?.payload).toEqual({ status: "ended", detail: "bridge_restarted" });
    // The company's only line is free again.
    const next = await survivor.call(SCENARIOS.booking, { pace: 4 });
    expect(next.twiml.stream).not.toBeNull();
  }, 120_000);
});
