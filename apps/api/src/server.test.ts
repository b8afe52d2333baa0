import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO } from "@koe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness, TEST_PASSWORD } from "./testing/api-harness.ts";
import { type ServedApi, serveApi } from "./testing/served-api.ts";

describe("api HTTP server", () => {
  let h: ApiHarness;
  let base: string;
  let webDist: string;
  let close: () => Promise<void>;
  let signIn: ServedApi["signIn"];
  beforeAll(async () => {
    h = await startApiHarness();
    webDist = await mkdtemp(join(tmpdir(), "koe-web-"));
    await mkdir(join(webDist, "assets"));
    await writeFile(join(webDist, "index.html"), "<!doctype html><title>Koe</title>");
    await writeFile(join(webDist, "assets", "app-1234.js"), "console.log('koe')");
    const api = await serveApi(h, { corsOrigins: ["https://partner.example"], webDist });
    base = api.base;
    signIn = (email, password, client) => api.signIn(email, password, client);
    close = async () => {
      await api.close();
      await h.close();
      await rm(webDist, { recursive: true });
    };
  });
  afterAll(() => close());

  it("answers /healthz with the database round trip", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });

  it("signs in with email and password, sets an HttpOnly session cookie, and knows the user after", async () => {
    const res = await signIn(DEMO.adminEmail, TEST_PASSWORD, "10.0.0.1");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/better-auth\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${base}/trpc/session.me`, { headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(await me.json()).toMatchObject({
      result: { data: { email: DEMO.adminEmail, role: "admin", companyId: DEMO.companyId } },
    });
    const session = await h.db.prisma.session.count({ where: { user: { email: DEMO.adminEmail } } });
    expect(session).toBeGreaterThan(0);
  });

  it("re-issues the session cookie when a request comes past the session's updateAge, SSE included", async () => {
    const signedIn = await signIn(DEMO.adminEmail, TEST_PASSWORD, "10.0.0.4");
    const cookie = signedIn.headers.get("set-cookie")?.split(";")[0] ?? "";
    // An hour and a minute into the 12-hour session: past the 1-hour updateAge.
    const token = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";
    const aged = new Date(Date.now() + 11 * 3_600_000 - 60_000);
    await h.db.prisma.session.update({ where: { token }, data: { expiresAt: aged } });

    const me = await fetch(`${base}/trpc/session.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.headers.get("set-cookie")).toMatch(/better-auth\.session_token=.*Max-Age=43200/);
    const renewed = await h.db.prisma.session.findUniqueOrThrow({ where: { token } });
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11.9 * 3_600_000);

    // The same for a live subscription: its headers go out before the stream.
    await h.db.prisma.session.update({ where: { token }, data: { expiresAt: aged } });
    const stream = new AbortController();
    const live = await fetch(`${base}/trpc/live.activeCalls`, {
      headers: { cookie, accept: "text/event-stream" },
      signal: stream.signal,
    });
    expect(live.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(live.headers.get("set-cookie")).toMatch(/better-auth\.session_token=/);
    stream.abort();

    // A fresh session needs no renewal, so no cookie is sent.
    const again = await fetch(`${base}/trpc/session.me`, { headers: { cookie } });
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("refuses protected procedures without a session", async () => {
    const res = await fetch(`${base}/trpc/rollout.get`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { data: { code: "UNAUTHORIZED" } } });
  });

  it("limits login attempts per client, counting in the database", async () => {
    // The harness allows 3 per minute (better-auth refuses the third already); every api process
    // shares the RateLimit table.
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await signIn(DEMO.operatorEmail, "wrong-password", "10.0.0.2")).status);
    expect(statuses.slice(0, 2)).toEqual([401, 401]);
    expect(statuses[3]).toBe(429);
    // Another client is not held back by the first one's attempts.
    expect((await signIn(DEMO.operatorEmail, TEST_PASSWORD, "10.0.0.3")).status).toBe(200);
    expect(await h.db.prisma.rateLimit.count()).toBeGreaterThan(0);
  });

  it("sends no CORS headers to an origin that is not listed, and answers a listed one's preflight", async () => {
    const foreign = await fetch(`${base}/trpc/health.check`, { headers: { origin: "https://evil.example" } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${base}/trpc/health.check`, {
      method: "OPTIONS",
      headers: { origin: "https://partner.example", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://partner.example");
  });

  it("serves the SPA: files, index.html for the SPA's routes, 404 for missing files", async () => {
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
    const route = await fetch(`${base}/settings/sales-pitch`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain("<title>Koe</title>");
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    const outside = await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain("root:");
  });

  it("answers an unknown procedure with tRPC's NOT_FOUND", async () => {
    const res = await fetch(`${base}/trpc/nope.nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { data: { code: "NOT_FOUND" } } });
  });
});
