import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "../client.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { DEMO } from "../seed/demo-data.ts";
import { seed } from "../seed/seed.ts";
import { startTcpProxy } from "../testing/tcp-proxy.ts";
import { insertTestCall } from "../testing/test-call.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { admitCallWithinCapacity } from "./call-capacity.ts";

const admit = (prisma: PrismaClient, callSid: string) =>
  admitCallWithinCapacity(prisma, {
    callSid,
    companyId: DEMO.companyId,
    agentId: DEMO.agentId,
    direction: "inbound",
    fromNumber: "+819000000000",
    toNumber: DEMO.phoneNumber,
    status: "ringing",
    engine: "realtime",
    engineReason: "rollout_bucket_included",
  });

describe("admitting a call within the company's lines", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.prisma.callSession.deleteMany();
  });

  it("takes free lines until none is left, also when two clients race for the last ones", async () => {
    await db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 5 } });
    const other = createPrismaClient(db.url, { maxConnections: 4 });
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => admit(i % 2 === 0 ? db.prisma : other, `CA-race-${i}`)),
      );
      const admitted = results.filter((row) => row !== null);
      expect(admitted).toHaveLength(5);
      const rows = await db.prisma.callSession.findMany({ orderBy: { callSid: "asc" } });
      expect(rows.map((row) => row.id).toSorted()).toEqual(admitted.map((row) => row.id).toSorted());
      // The row is what the caller gave, with the schema's defaults for the rest.
      expect(rows[0]).toMatchObject({
        companyId: DEMO.companyId,
        agentId: DEMO.agentId,
        direction: "inbound",
        status: "ringing",
        engine: "realtime",
        engineReason: "rollout_bucket_included",
        customerId: null,
        isTest: false,
        inputAudioTokens: 0,
        turnLatenciesMs: [],
      });
      expect(rows[0]?.startedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(rows[0]?.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await other.$disconnect();
    }
  });

  it("counts active calls and recent ringing ones, not calls left ringing past Twilio's limit", async () => {
    await db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 1 } });
    await insertTestCall(db.prisma, { status: "ringing", startedAt: new Date(Date.now() - 20 * 60_000) });
    await insertTestCall(db.prisma, { status: "completed" });
    const first = await admit(db.prisma, "CA-first");
    expect(first).not.toBeNull();
    expect(await admit(db.prisma, "CA-second")).toBeNull();
    await db.prisma.callSession.update({ where: { id: first?.id }, data: { status: "active" } });
    expect(await admit(db.prisma, "CA-third")).toBeNull();
  });

  it("refuses an unknown company, and a second row for the same call, adding nothing", async () => {
    await db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 5 } });
    await expect(
      admitCallWithinCapacity(db.prisma, {
        callSid: "CA-nobody",
        companyId: "00000000-0000-4000-8000-000000000000",
        direction: "inbound",
        fromNumber: "+819000000000",
        toNumber: DEMO.phoneNumber,
      }),
    ).rejects.toThrow(/no company/);
    expect(await admit(db.prisma, "CA-twice")).not.toBeNull();
    await expect(admit(db.prisma, "CA-twice")).rejects.toThrow();
    expect(await db.prisma.callSession.count()).toBe(1);
  });

  // PGlite runs one statement at a time and reports no transaction states.
  it.skipIf(!process.env.DATABASE_URL)(
    "holds the company's row only inside the database, not while the client is slow to answer",
    async () => {
      await db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 5 } });
      const link = await startTcpProxy(db.url, { answerDelayMs: 150 });
      const slow = createPrismaClient(link.url, { maxConnections: 1 });
      try {
        let done = false;
        const admission = admit(slow, "CA-slow-client").finally(() => {
          done = true;
        });
        // A transaction kept open across the client's round trips shows as "idle in transaction"
        // while the slow client acts on each answer (with the company's row locked).
        let idleInTransaction = 0;
        while (!done) {
          const [row] = await db.prisma.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'idle in transaction'`;
          idleInTransaction = Math.max(idleInTransaction, row?.n ?? 0);
          await sleep(10);
        }
        expect(await admission).not.toBeNull();
        expect(idleInTransaction).toBe(0);
      } finally {
        await slow.$disconnect();
        await link.close();
      }
    },
  );
});
