import { admitCallWithinCapacity, DEMO, seed } from "@koe/db";
import { createTestDatabase, insertTestCall, type TestDatabase } from "@koe/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdInstanceLease } from "./instance-lease.ts";

const silent = pino({ level: "silent" });
// Long enough that no heartbeat fires by itself during a test: each test ticks by hand.
const TIMINGS = { heartbeatMs: 60_000, ttlMs: 60_000 };

describe("instance leases", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma);
  });
  afterAll(() => db.close());

  it("ends, once, the calls of an instance whose lease expired, freeing the company's lines", async () => {
    await db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 1 } });
    // A bridge that was SIGKILLed: its lease ran out, its call stayed active and holds the only line.
    await db.prisma.bridgeInstance.create({ data: { name: "killed", expiresAt: new Date(Date.now() - 1) } });
    const lost = await insertTestCall(db.prisma, {
      callSid: "CA-lost",
      status: "active",
      bridgeInstance: "killed",
    });
    const admit = (callSid: string) =>
      admitCallWithinCapacity(db.prisma, {
        callSid,
        companyId: DEMO.companyId,
        direction: "inbound",
        fromNumber: "+819000000000",
        toNumber: DEMO.phoneNumber,
      });
    expect(await admit("CA-refused")).toBeNull();

    // Two survivors under new names reap at the same moment.
    const survivors = await Promise.all(
      ["survivor-a", "survivor-b"].map((name) => holdInstanceLease(db.prisma, name, TIMINGS, silent)),
    );
    const reaped = await Promise.all(survivors.map((lease) => lease.tick()));
    expect(reaped.flat()).toEqual(["CA-lost"]);

    const row = await db.prisma.callSession.findUniqueOrThrow({
      where: { id: lost.id },
      include: { events: true },
    });
    expect(row).toMatchObject({ status: "interrupted", endReason: "bridge_restarted" });
    expect(row.endedAt).not.toBeNull();
    expect(row.events.map((e) => e.payload)).toEqual([{ status: "ended", detail: "bridge_restarted" }]);
    expect(await admit("CA-admitted")).not.toBeNull();
    expect(await db.prisma.bridgeInstance.findUnique({ where: { name: "killed" } })).not.toBeNull();
    await Promise.all(survivors.map((lease) => lease.stop()));
  });

  it("forgets leases that ran out over an hour ago", async () => {
    await db.prisma.bridgeInstance.create({
      data: { name: "long-gone", expiresAt: new Date(Date.now() - 2 * 60 * 60_000) },
    });
    const lease = await holdInstanceLease(db.prisma, "janitor", TIMINGS, silent);
    await lease.tick();
    expect(await db.prisma.bridgeInstance.findUnique({ where: { name: "long-gone" } })).toBeNull();
    await lease.stop();
  });

  it("leaves the calls of instances holding a lease alone, and gives its lease up on stop", async () => {
    const alive = await holdInstanceLease(db.prisma, "alive", TIMINGS, silent);
    const other = await holdInstanceLease(db.prisma, "other", TIMINGS, silent);
    const call = await insertTestCall(db.prisma, { status: "active", bridgeInstance: "alive" });
    expect(await other.tick()).toEqual([]);
    expect(await db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      status: "active",
    });

    await alive.stop();
    expect(await db.prisma.bridgeInstance.findUnique({ where: { name: "alive" } })).toBeNull();
    expect(await other.tick()).toEqual([call.callSid]);
    await other.stop();
  });
});
