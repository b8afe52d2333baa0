import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createPrismaClient } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetricsRegistry } from "./http/metrics.ts";
import { createBridgeServer } from "./server.ts";

describe("bridge HTTP server", () => {
  let db: TestDatabase;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    db = await createTestDatabase();
    const server = createBridgeServer({
      prisma: db.prisma,
      metrics: createMetricsRegistry(),
      logger: pino({ level: "silent" }),
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      server.close();
      await db.close();
    };
  });
  afterAll(() => close());

  it("answers /healthz with the database round trip", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });

  it("serves Prometheus metrics", async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toContain('process_cpu_user_seconds_total{app="koe-bridge"}');
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "no route for GET /nope" });
  });

  it("reports 503 when the database cannot be reached", async () => {
    const unreachable = createPrismaClient("postgresql://postgres@127.0.0.1:1/none?connect_timeout=1");
    const server = createBridgeServer({
      prisma: unreachable,
      metrics: createMetricsRegistry(),
      logger: pino({ level: "silent" }),
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "degraded", database: { ok: false } });
    } finally {
      server.close();
      await unreachable.$disconnect();
    }
  });
});
