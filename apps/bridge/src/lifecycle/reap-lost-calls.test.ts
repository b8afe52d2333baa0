import { seed } from "@koe/db";
import { createTestDatabase, insertTestCall, type TestDatabase } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_TOKEN_TTL_MS } from "../twilio/stream-token.ts";
import { reapLostCalls } from "./reap-lost-calls.ts";

describe("reaping the calls of a process whose lease ran out", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma);
  });
  afterAll(() => db.close());

  it("ends its streaming calls, and leaves one still waiting for its stream to whichever process the stream reaches", async () => {
    const gone = "killed-process";
    await db.prisma.bridgeInstance.create({ data: { name: gone, expiresAt: new Date(Date.now() - 1_000) } });
    const tokenExpired = new Date(Date.now() - STREAM_TOKEN_TTL_MS - 1_000);
    const calls = {
      streaming: { status: "active", streamSid: "MZ-1" },
      // The stream was claimed; the row's `active` was still on its way to the database.
      claimed: { status: "ringing", streamSid: "MZ-2" },
      // Answered, its stream not yet arrived: a survivor may still adopt it.
      awaitingStream: { status: "ringing" },
      // Its stream token has expired: no stream can claim it any more.
      neverStreamed: { status: "ringing", startedAt: tokenExpired },
    } as const;
    for (const [name, data] of Object.entries(calls))
      await insertTestCall(db.prisma, { callSid: `CA-${name}`, bridgeInstance: gone, ...data });

    expect((await reapLostCalls(db.prisma)).toSorted()).toEqual([
      "CA-claimed",
      "CA-neverStreamed",
      "CA-streaming",
    ]);
    const rows = await db.prisma.callSession.findMany({
      select: { callSid: true, status: true },
      orderBy: { callSid: "asc" },
    });
    expect(rows).toEqual([
      { callSid: "CA-awaitingStream", status: "ringing" },
      { callSid: "CA-claimed", status: "interrupted" },
      { callSid: "CA-neverStreamed", status: "interrupted" },
      { callSid: "CA-streaming", status: "interrupted" },
    ]);
  });
});
