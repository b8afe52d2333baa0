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

  it("interrupts this instance's and dead local processes' calls, and leaves the rest alone", async () => {
    const host = hostname().replace(/[^a-zA-Z0-9_-]/g, "-");
    const deadPid = Number(execFileSync(process.execPath, ["-p", "process.pid"]).toString().trim());
    const calls = {
      mine: "me-1",
      deadLocal: `${host}-${deadPid}`,
      liveLocal: `${host}-${process.pid}`,
      otherMachine: "other-machine-4242",
    };
    for (const [name, bridgeInstance] of Object.entries(calls)) {
      await insertTestCall(db.prisma, { callSid: `CA-${name}`, status: "active", bridgeInstance });
    }
    expect(await recoverInterruptedCalls(db.prisma, "me-1")).toBe(2);
    const rows = await db.prisma.callSession.findMany({
      select: { callSid: true, status: true, endReason: true },
      orderBy: { callSid: "asc" },
    });
    expect(rows).toEqual([
      { callSid: "CA-deadLocal", status: "interrupted", endReason: "bridge_restarted" },
      { callSid: "CA-liveLocal", status: "active", endReason: null },
      { callSid: "CA-mine", status: "interrupted", endReason: "bridge_restarted" },
      { callSid: "CA-otherMachine", status: "active", endReason: null },
    ]);
  });
});
