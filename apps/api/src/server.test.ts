import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiServer } from "./server.ts";

describe("api HTTP server", () => {
  let db: TestDatabase;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    db = await createTestDatabase();
    const server = createApiServer({ prisma: db.prisma, logger: pino({ level: "silent" }) });
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

  it("serves tRPC under /trpc", async () => {
    const res = await fetch(`${base}/trpc/health.check`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: { data: { status: "ok" } } });
  });

  it("answers an unknown procedure with tRPC's NOT_FOUND", async () => {
    const res = await fetch(`${base}/trpc/nope.nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { data: { code: "NOT_FOUND" } } });
  });
});
