import { execFileSync } from "node:child_process";
import { hostname } from "node:os";
import { seed } from "@koe/db";
import { createTestDatabase, insertTestCall, type TestDatabase } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverInterruptedCalls } from "./recover-interrupted-calls.ts";

describe("recovering calls a crashed bridge left active", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma);
  });
  afterAll(() => db.close());

  it("interrupts this instance's, dead local processes' and lease-less instances' calls, with an ended event", async () => {
    const host = hostname().replace(/[^a-zA-Z0-9_-]/g, "-");
    const deadPid = Number(execFileSync(process.execPath, ["-p", "process.pid"]).toString().trim());
    const calls = {
      mine: "me-1",
      deadLocal: `${host}-${deadPid}`,
      liveLocal: `${host}-${process.pid}`,
      otherMachine: "other-machine-4242",
      // Rescheduled under a new name: the old one never comes back, and its lease ran out.
      renamed: "old-container-name",
    };
    for (const [name, bridgeInstance] of Object.entries(calls)) {
      await insertTestCall(db.prisma, { callSid: `CA-${name}`, status: "active", bridgeInstance });
    }
    const inAMinute = new Date(Date.now() + 60_000);
    await db.prisma.bridgeInstance.createMany({
      data: [
        { name: calls.liveLocal, expiresAt: inAMinute },
        { name: calls.otherMachine, expiresAt: inAMinute },
        { name: calls.renamed, expiresAt: new Date(Date.now() - 1_000) },
      ],
    });
    expect(await recoverInterruptedCalls(db.prisma, "me-1")).toBe(3);
    const rows = await db.prisma.callSession.findMany({
      select: {
        callSid: true,
        status: true,
        endReason: true,
        events: { select: { type: true, payload: true } },
      },
      orderBy: { callSid: "asc" },
    });
    const ended = [{ type: "status", payload: { status: "ended", detail: "bridge_restarted" } }];
    expect(rows).toEqual([
      { callSid: "CA-deadLocal", status: "interrupted", endReason: "bridge_restarted", events: ended },
      { callSid: "CA-liveLocal", status: "active", endReason: null, events: [] },
      { callSid: "CA-mine", status: "interrupted", endReason: "bridge_restarted", events: ended },
      { callSid: "CA-otherMachine", status: "active", endReason: null, events: [] },
      { callSid: "CA-renamed", status: "interrupted", endReason: "bridge_restarted", events: ended },
    ]);
  });
});
