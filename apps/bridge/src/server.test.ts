import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createPrismaClient, type PrismaClient } from "@koe/db";
import {
  closedPortUrl,
  insertTestCall,
  startUnresponsiveServer,
  type UnresponsiveServer,
} from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMetricsServer } from "./http/metrics-server.ts";
import { type BridgeHarness, startBridgeHarness } from "./testing/bridge-harness.ts";

/** A CallSid as Twilio writes them: CA and 32 hex digits. */
const callSid = (n: number) => `CA${n.toString(16).padStart(32, "0")}`;

describe("bridge HTTP server", () => {
  let bridge: BridgeHarness;
  let hung: UnresponsiveServer;
  let refusedPrisma: PrismaClient;
  let hungPrisma: PrismaClient;
  let healthyPrisma: PrismaClient;
  beforeAll(async () => {
    bridge = await startBridgeHarness();
    healthyPrisma = bridge.ctx.prisma;
    hung = await startUnresponsiveServer();
    refusedPrisma = createPrismaClient(await closedPortUrl());
    hungPrisma = createPrismaClient(hung.url, { connectTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    bridge.ctx.prisma = healthyPrisma;
    await hung.close();
    await Promise.all([refusedPrisma.$disconnect(), hungPrisma.$disconnect()]);
    await bridge.close();
  });

  /** Runs `work` with the bridge's database replaced (down or hung), and a short health timeout. */
  async function withDatabase(prisma: PrismaClient, work: () => Promise<void>): Promise<void> {
    const env = bridge.ctx.env;
    bridge.ctx.prisma = prisma;
    bridge.ctx.env = { ...env, HEALTH_CHECK_TIMEOUT_MS: 100, VOICE_WEBHOOK_DEADLINE_MS: 200 };
    try {
      await work();
    } finally {
      bridge.ctx.prisma = healthyPrisma;
      bridge.ctx.env = env;
    }
  }

  it("answers /healthz with the database round trip", async () => {
    const res = await fetch(`${bridge.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true }, activeCalls: 0 });
  });

  it("says degraded on /healthz when the database refuses or hangs, and never its error", async () => {
    for (const prisma of [refusedPrisma, hungPrisma]) {
      await withDatabase(prisma, async () => {
        const res = await fetch(`${bridge.url}/healthz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ status: "degraded", database: { ok: false }, activeCalls: 0 });
      });
    }
  });

  it("serves Prometheus metrics on the internal metrics server only, not on the origin Twilio reaches", async () => {
    expect((await fetch(`${bridge.url}/metrics`)).status).toBe(404);
    const metrics = createMetricsServer(bridge.ctx.metrics);
    metrics.listen(0, "127.0.0.1");
    await once(metrics, "listening");
    try {
      const res = await fetch(`http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics`);
      expect(res.headers.get("content-type")).toContain("text/plain");
      const text = await res.text();
      expect(text).toContain('process_cpu_user_seconds_total{app="koe-bridge"}');
      expect(text).toContain("koe_turn_latency_seconds_bucket");
      expect(text).toMatch(/^koe_journal_pending\{app="koe-bridge"\} 0$/m);
    } finally {
      metrics.close();
    }
  });

  const webhookCall = {
    CallSid: callSid(1),
    AccountSid: "ACtest",
    From: "+819011112222",
    To: "+815012345678",
  };

  it("refuses webhook bodies over 64 KiB with 413", async () => {
    const big = await bridge.post("/api/twilio/voice", { ...webhookCall, Padding: "x".repeat(70_000) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "request body too large (at most 65536 bytes)" });
  });

  it("refuses NUL characters or bad percent-encoding in a webhook form with 400", async () => {
    const call = webhookCall;
    const nul = await bridge.post("/api/twilio/voice", { ...call, From: "+8190\u00001112222" });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toEqual({ error: "form data contains a NUL character" });
    const badEscape = await fetch(`${bridge.url}/api/twilio/status`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "CallSid=CA1&From=%E0%A4%A",
    });
    expect(badEscape.status).toBe(400);
    expect(await bridge.db.prisma.callSession.count({ where: { callSid: callSid(1) } })).toBe(0);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await fetch(`${bridge.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "no route for GET /nope" });
  });

  describe("a voice webhook while the database is unreachable", () => {
    const inbound = (n: number, to = "+815012345678") => ({
      CallSid: callSid(n),
      AccountSid: "ACtest",
      From: "+819011112222",
      To: to,
    });

    it("sends the caller to the operator last read for the number, with a Japanese apology", async () => {
      const answered = await bridge.post("/api/twilio/voice", inbound(11));
      expect(await answered.text()).toContain("<Stream");
      for (const [prisma, n] of [
        [hungPrisma, 12],
        [refusedPrisma, 13],
      ] as const) {
        await withDatabase(prisma, async () => {
          const res = await bridge.post("/api/twilio/voice", inbound(n));
          expect(res.status).toBe(200);
          expect(res.headers.get("content-type")).toBe("text/xml");
          const twiml = await res.text();
          expect(twiml).toContain(
            '<Say language="ja-JP">申し訳ございません。ただいまシステムに問題が発生しております。',
          );
          expect(twiml).toContain("<Dial>+81312345678</Dial>");
        });
      }
    });

    it("ends the session a late answer opened, since the caller already went to the operator", async () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      // A database that answers only after the deadline has passed.
      const slow = healthyPrisma.$extends({
        query: {
          async $allOperations({ args, query }) {
            await gate;
            return query(args);
          },
        },
      }) as unknown as PrismaClient;
      await withDatabase(slow, async () => {
        const res = await bridge.post("/api/twilio/voice", inbound(15));
        expect(await res.text()).toContain('<Say language="ja-JP">申し訳ございません。');
        release();
        await vi.waitFor(
          async () => {
            const row = await healthyPrisma.callSession.findUnique({ where: { callSid: callSid(15) } });
            expect(row?.endReason).toBe("handed_off");
          },
          { timeout: 10_000, interval: 50 },
        );
      });
      expect(bridge.ctx.calls.isLive(callSid(15))).toBe(false);
    });

    it("apologizes in Japanese and hangs up when no operator is known for the number", async () => {
      await withDatabase(refusedPrisma, async () => {
        const res = await bridge.post("/api/twilio/voice", inbound(14, "+815099999999"));
        expect(res.status).toBe(200);
        const twiml = await res.text();
        expect(twiml).toContain('<Say language="ja-JP">申し訳ございません。ただいま担当者が対応できません。');
        expect(twiml).toContain("<Hangup/>");
      });
    });
  });

  describe("the legacy engine's webhooks while the database is unreachable", () => {
    const DEMO_NUMBER = "+815012345678";

    it("keeps a legacy caller: the turn answers with the apology and the operator last read for the number", async () => {
      const answered = await bridge.post("/api/twilio/voice", {
        CallSid: callSid(21),
        AccountSid: "ACtest",
        From: "+819011112222",
        To: DEMO_NUMBER,
      });
      expect(answered.status).toBe(200);
      await withDatabase(refusedPrisma, async () => {
        const res = await bridge.post("/api/twilio/legacy/gather?turn=1&misses=0", {
          CallSid: callSid(22),
          AccountSid: "ACtest",
          From: "+819011112222",
          To: DEMO_NUMBER,
          SpeechResult: "予約をお願いします",
        });
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/xml");
        const twiml = await res.text();
        expect(twiml).toContain(
          '<Say language="ja-JP">申し訳ございません。ただいまシステムに問題が発生しております。',
        );
        expect(twiml).toContain("<Dial>+81312345678</Dial>");
      });
    });

    it("takes status and recording callbacks and writes them, in order, once the database is back", async () => {
      const call = await insertTestCall(healthyPrisma, { callSid: callSid(23), status: "active" });
      const recordingSid = `RE${"1".repeat(32)}`;
      await withDatabase(refusedPrisma, async () => {
        const status = await bridge.post("/api/twilio/status", {
          CallSid: callSid(23),
          AccountSid: "ACtest",
          CallStatus: "completed",
          CallDuration: "42",
        });
        expect(status.status).toBe(204);
        const recording = await bridge.post("/api/twilio/recording-status", {
          CallSid: callSid(23),
          AccountSid: "ACtest",
          RecordingSid: recordingSid,
          RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/ACtest/Recordings/${recordingSid}`,
          RecordingStatus: "completed",
          RecordingDuration: "40",
        });
        expect(recording.status).toBe(204);
      });
      await vi.waitFor(
        async () => {
          await bridge.ctx.journal.drain();
          const row = await healthyPrisma.callSession.findUniqueOrThrow({
            where: { id: call.id },
            include: { events: { orderBy: { id: "asc" } } },
          });
          expect(row).toMatchObject({
            status: "completed",
            endReason: "caller_hung_up",
            durationSeconds: 42,
            recordingSid,
            recordingDurationSeconds: 40,
          });
          expect(row.events.map((e) => (e.payload as { status?: string }).status)).toEqual([
            "completed",
            "recorded",
          ]);
        },
        { timeout: 15_000, interval: 100 },
      );
    });
  });
});
