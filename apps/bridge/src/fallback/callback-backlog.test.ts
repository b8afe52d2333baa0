import { createPrismaClient, type PrismaClient } from "@koe/db";
import { closedPortUrl, createTestDatabase, type TestDatabase } from "@koe/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BridgeEnv } from "../env.ts";
import { createBridgeMetrics } from "../http/metrics.ts";
import { CallbackBacklog } from "./callback-backlog.ts";

describe("the backlog of Twilio callbacks", () => {
  let db: TestDatabase;
  let refused: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    refused = createPrismaClient(await closedPortUrl());
  });
  afterAll(async () => {
    await refused.$disconnect();
    await db.close();
  });

  /** A bridge's context whose database is down until `ctx.prisma` is swapped for the live one. */
  const downContext = () => ({
    prisma: refused,
    logger: pino({ level: "silent" }),
    metrics: createBridgeMetrics(),
    env: { HEALTH_CHECK_TIMEOUT_MS: 200 } as BridgeEnv,
  });

  it("keeps callbacks in arrival order while the database is down, and drops one that fails with it up", async () => {
    const ctx = downContext();
    const backlog = new CallbackBacklog(ctx, { retryMs: 20 });
    const written: string[] = [];
    let up = false;
    const write = (name: string) => async () => {
      if (!up) throw new Error("the database is unreachable");
      written.push(name);
    };
    expect(await backlog.accept("status", "CA1", write("ringing"))).toBe(true);
    // Queued behind the first even though it could be written: the order is Twilio's.
    expect(await backlog.accept("status", "CA1", async () => void written.push("in-progress"))).toBe(true);
    expect(
      await backlog.accept("recording", "CA1", () => Promise.reject(new Error("a defect in this callback"))),
    ).toBe(true);
    expect(await backlog.accept("status", "CA1", write("completed"))).toBe(true);
    await backlog.flush();
    expect(backlog.size).toBe(4);

    ctx.prisma = db.prisma;
    up = true;
    await vi.waitFor(() => expect(backlog.size).toBe(0));
    expect(written).toEqual(["ringing", "in-progress", "completed"]);
    backlog.close();
  });

  it("refuses a callback it cannot write when the backlog is full", async () => {
    const backlog = new CallbackBacklog(downContext(), { limit: 1, retryMs: 60_000 });
    const failing = () => Promise.reject(new Error("the database is unreachable"));
    expect(await backlog.accept("status", "CA1", failing)).toBe(true);
    expect(await backlog.accept("status", "CA2", failing)).toBe(false);
    expect(backlog.size).toBe(1);
    backlog.close();
  });
});
