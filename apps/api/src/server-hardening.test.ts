import { Writable } from "node:stream";
import { createPrismaClient, DEMO, type PrismaClient } from "@koe/db";
import { closedPortUrl, startUnresponsiveServer, type UnresponsiveServer } from "@koe/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ORIGIN, type ApiHarness, insertTestAlert, startApiHarness } from "./testing/api-harness.ts";
import { postFiller } from "./testing/oversized-request.ts";
import { type ServedApi, serveApi } from "./testing/served-api.ts";

/** Every line the api logs, parsed (pino writes JSON). */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, sink), lines };
}

describe("the api's limits and what it reveals", () => {
  let h: ApiHarness;
  let api: ServedApi;
  let log: ReturnType<typeof capturedLogger>;
  let hung: UnresponsiveServer;
  let refusedPrisma: PrismaClient;
  let hungPrisma: PrismaClient;
  beforeAll(async () => {
    log = capturedLogger();
    h = await startApiHarness({ logger: log.logger });
    api = await serveApi(h);
    hung = await startUnresponsiveServer();
    refusedPrisma = createPrismaClient(await closedPortUrl());
    // Far longer than /healthz's 100 ms, and short enough that disconnecting (which waits for the
    // pending connection attempt) ends well within the hook's timeout.
    hungPrisma = createPrismaClient(hung.url, { connectTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    await api.close();
    await Promise.all([refusedPrisma.$disconnect(), hungPrisma.$disconnect()]);
    await hung.close();
    await h.close();
  });

  const json = { "content-type": "application/json", origin: APP_ORIGIN };

  it("refuses a 100 MB sign-in body with 413 without reading it all", async () => {
    const total = 100 * 1024 * 1024;
    const res = await postFiller(`${api.base}/api/auth/sign-in/email`, json, total);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: "request body too large (at most 1048576 bytes)" });
    expect(res.bytesSent).toBeLessThan(total);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const res = await fetch(`${api.base}/trpc/alerts.acknowledge`, {
      method: "POST",
      headers: json,
      body: "x".repeat(1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
  });

  it("refuses NUL characters and invalid UTF-8 in bodies, and bad percent-encoding in queries, with 400", async () => {
    const nul = await api.signIn(`admin\u0000@demo.example`);
    expect(nul.status).toBe(400);
    expect(await nul.json()).toEqual({ error: "request body contains a NUL character" });
    const latin1 = await fetch(`${api.base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: json,
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(latin1.status).toBe(400);
    expect(await latin1.json()).toEqual({ error: "request body is not valid UTF-8" });
    const query = await fetch(`${api.base}/trpc/health.check?input=%E0%A4%A`);
    expect(query.status).toBe(400);
    expect((await fetch(`${api.base}/trpc/health.check?input=%00`)).status).toBe(400);
  });

  it("answers a procedure's unexpected failure with a code and a safe message, and logs the details by request id", async () => {
    const broken = await serveApi(h, { services: { prisma: refusedPrisma } });
    try {
      const cookie = await broken.sessionCookie(DEMO.operatorEmail, "10.1.0.1");
      const res = await fetch(`${broken.base}/trpc/alerts.list`, { headers: { cookie } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toMatch(/prisma|ECONNREFUSED|invocation|at /i);
      const requestId = res.headers.get("x-request-id");
      expect(JSON.parse(text)).toMatchObject({
        error: {
          message: "Internal server error",
          data: { code: "INTERNAL_SERVER_ERROR", requestId, zodError: null },
        },
      });
      const logged = log.lines.find(
        (line) => line.msg === "procedure failed" && line.requestId === requestId,
      );
      expect(JSON.stringify(logged)).toMatch(/ECONNREFUSED|connect|database/i);
    } finally {
      await broken.close();
    }
  });

  it("keeps the fields zod names wrong in a BAD_REQUEST", async () => {
    const cookie = await api.sessionCookie(DEMO.operatorEmail, "10.1.0.2");
    const res = await fetch(`${api.base}/trpc/alerts.acknowledge`, {
      method: "POST",
      headers: { ...json, cookie },
      body: JSON.stringify({ alertId: "not-a-number" }),
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as {
      error: { data: { zodError: { fieldErrors: Record<string, string[]> }; stack?: string } };
    };
    expect(error.data.zodError.fieldErrors.alertId).toEqual(["an alert id"]);
    expect(error.data.stack).toBeUndefined();
  });

  it("says degraded on /healthz when the database refuses or hangs, never the error, and answers quickly", async () => {
    for (const prisma of [refusedPrisma, hungPrisma]) {
      const down = await serveApi(h, { services: { prisma, healthTimeoutMs: 100 } });
      try {
        const res = await fetch(`${down.base}/healthz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ status: "degraded", database: { ok: false } });
      } finally {
        await down.close();
      }
    }
  });

  it("refuses a mutation from a foreign Origin or a cross-site page even with a valid session cookie", async () => {
    const alert = await insertTestAlert(h.db, DEMO.companyId);
    const cookie = await api.sessionCookie(DEMO.operatorEmail, "10.1.0.3");
    const acknowledge = (headers: Record<string, string>) =>
      fetch(`${api.base}/trpc/alerts.acknowledge`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, ...headers },
        body: JSON.stringify({ alertId: alert.id.toString() }),
      });
    const foreign = await acknowledge({ origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ error: "cross-site request refused" });
    expect((await acknowledge({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await api.signIn(DEMO.operatorEmail, undefined, "10.1.0.4")).status).toBe(200);
    const stolen = await fetch(`${api.base}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(stolen.status).toBe(403);
    const row = await h.db.prisma.operatorAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row.acknowledgedAt).toBeNull();

    expect((await acknowledge({ origin: APP_ORIGIN })).status).toBe(200);
    // No Origin at all is not a browser's cross-site request (a script, curl).
    expect((await acknowledge({})).status).toBe(200);
  });

  it("sends better-auth's own log lines through pino as JSON", async () => {
    await api.signIn("nobody@demo.example", "wrong-password-1", "10.1.0.5");
    expect(log.lines.some((line) => line.module === "better-auth" && typeof line.msg === "string")).toBe(
      true,
    );
  });
});
