import { createPrismaClient, seed } from "@koe/db";
import {
  createTestDatabase,
  insertTestCall,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
} from "@koe/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallJournal } from "./call-journal.ts";

describe("call journal", () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let call: { id: string; companyId: string };
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma);
    const row = await insertTestCall(db.prisma);
    call = { id: row.id, companyId: row.companyId };
    proxy = await startTcpProxy(db.url);
  });
  afterAll(async () => {
    await proxy.close();
    await db.close();
  });

  it("loses nothing and keeps the order when the database is down for 2 s mid-call", async () => {
    const prisma = createPrismaClient(proxy.url, { maxConnections: 2 });
    const journal = new CallJournal(prisma, pino({ level: "silent" }), {
      flushIntervalMs: 10,
      maxRetryDelayMs: 200,
    });
    let failures = 0;
    journal.onWriteError = () => failures++;
    const texts: string[] = [];
    const say = (i: number) => {
      texts.push(`line ${i}`);
      journal.event(call, "transcript", {
        role: i % 2 ? "agent" : "caller",
        text: `line ${i}`,
        truncated: false,
      });
    };
    // 20 ms apart, like audio-driven events; the outage covers the middle 2 seconds.
    for (let i = 0; i < 200; i++) {
      if (i === 50) proxy.cut();
      if (i === 150) proxy.restore();
      say(i);
      if (i === 120) journal.updateCall(call.id, { status: "active", outputAudioTokens: 120 });
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await journal.drain(10_000)).toBe(true);
    expect(failures).toBeGreaterThan(0);
    await prisma.$disconnect();

    const stored = await db.prisma.callEvent.findMany({
      where: { callSessionId: call.id },
      orderBy: { id: "asc" },
    });
    expect(stored.map((e) => (e.payload as { text: string }).text)).toEqual(texts);
    const row = await db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } });
    expect(row).toMatchObject({ status: "active", outputAudioTokens: 120 });
  }, 30_000);

  it("records an invalid payload as an error event rather than dropping or throwing", async () => {
    const journal = new CallJournal(db.prisma, pino({ level: "silent" }), { flushIntervalMs: 1 });
    journal.event(call, "dtmf", { digit: "not a digit" });
    await journal.drain();
    const last = await db.prisma.callEvent.findFirstOrThrow({
      where: { callSessionId: call.id },
      orderBy: { id: "desc" },
    });
    expect(last).toMatchObject({ type: "error", payload: { source: "bridge", code: "invalid_event" } });
  });

  it("inserts an event only once the row change queued before it is written", async () => {
    const live = await insertTestCall(db.prisma, { status: "active" });
    const writes: string[] = [];
    let journal: CallJournal | null = null;
    // The call ends (row change, then its event) while the journal is writing an earlier row
    // change: the monitor woken by the "ended" event must find the row already ended.
    const prisma = db.prisma.$extends({
      query: {
        async $executeRawUnsafe({ args, query }) {
          // The events' batch sets its own timeout this way too.
          if (!String(args[0]).startsWith('UPDATE "CallSession"')) return query(args);
          if (writes.length === 0) {
            journal?.updateCall(live.id, { status: "completed", endReason: "handed_off" });
            journal?.event(live, "status", { status: "ended", detail: "handed_off" });
          }
          const result = await query(args);
          const [row] = JSON.parse(String(args[1])) as { status?: string }[];
          writes.push(`row ${row?.status ?? "stream"}`);
          return result;
        },
        callEvent: {
          async createMany({ args, query }) {
            const data = Array.isArray(args.data) ? args.data : [args.data];
            for (const event of data) writes.push(`event ${(event.payload as { status: string }).status}`);
            return query(args);
          },
        },
      },
    }) as unknown as typeof db.prisma;
    journal = new CallJournal(prisma, pino({ level: "silent" }), { flushIntervalMs: 1 });
    journal.updateCall(live.id, { streamSid: "MZ-first" });
    journal.event(live, "status", { status: "active", detail: "media stream started" });
    expect(await journal.drain()).toBe(true);
    expect(writes).toEqual(["row stream", "event active", "row completed", "event ended"]);
  });

  it("writes many calls' row changes in a statement per set of columns, each call's own in order, and retries a failed one", async () => {
    const calls = await Promise.all(
      Array.from({ length: 50 }, () => insertTestCall(db.prisma, { status: "ringing" })),
    );
    const statements: string[] = [];
    let failNext = true;
    const prisma = db.prisma.$extends({
      query: {
        async $executeRawUnsafe({ args, query }) {
          if (!String(args[0]).startsWith('UPDATE "CallSession"')) return query(args);
          statements.push(String(args[0]));
          if (failNext) {
            failNext = false;
            throw new Error("connection reset");
          }
          return query(args);
        },
      },
    }) as unknown as typeof db.prisma;
    const journal = new CallJournal(prisma, pino({ level: "silent" }), {
      flushIntervalMs: 1,
      maxRetryDelayMs: 10,
    });
    for (const [i, row] of calls.entries()) {
      journal.updateCall(row.id, { streamSid: `MZ-${i}` });
      // A live-only status: written after the call's other change, and only to a live row.
      journal.updateCall(row.id, { status: "active" });
      if (i % 5 === 0) journal.updateCall(row.id, { handoffReason: "operator asked" });
      // Nothing to change: Prisma's own update would leave the column alone too.
      else journal.updateCall(row.id, { handoffReason: undefined });
    }
    expect(await journal.drain()).toBe(true);
    // The failed statement, then one per set of columns: 40 calls' streamSid, 10 calls' streamSid
    // and handoffReason, then the 50 live-only statuses.
    expect(statements).toHaveLength(4);
    expect(statements.at(-1)).toMatch(/SET "status" = v\."status"/);
    const stored = await db.prisma.callSession.findMany({
      where: { id: { in: calls.map((row) => row.id) } },
    });
    expect(stored.map((row) => [row.id, row.streamSid, row.status, row.handoffReason]).sort()).toEqual(
      calls.map((row, i) => [row.id, `MZ-${i}`, "active", i % 5 === 0 ? "operator asked" : null]).sort(),
    );
  });

  it("stores each kind of column as Prisma's own update does", async () => {
    // The same creation times: under load the two inserts' now() can fall in different milliseconds.
    const created = {
      startedAt: new Date("2026-11-29T04:19:18.000Z"),
      createdAt: new Date("2026-11-29T04:19:18.000Z"),
    };
    const [byJournal, byPrisma] = await Promise.all([
      insertTestCall(db.prisma, created),
      insertTestCall(db.prisma, created),
    ]);
    const change = {
      status: "completed",
      endReason: "caller_hung_up",
      endedAt: new Date("2026-11-29T04:20:00.123Z"),
      durationSeconds: 42,
      costUsd: 0.012345,
      isTest: true,
      recordingUrl: null,
      turnLatenciesMs: [512.5, 730],
    } as const;
    const journal = new CallJournal(db.prisma, pino({ level: "silent" }), { flushIntervalMs: 1 });
    journal.updateCall(byJournal.id, { ...change, turnLatenciesMs: [...change.turnLatenciesMs] });
    expect(await journal.drain()).toBe(true);
    await db.prisma.callSession.updateMany({
      where: { id: byPrisma.id },
      data: { ...change, turnLatenciesMs: [...change.turnLatenciesMs] },
    });
    const read = (id: string) => db.prisma.callSession.findUniqueOrThrow({ where: { id } });
    const [a, b] = [await read(byJournal.id), await read(byPrisma.id)];
    const columns = (row: typeof a) => ({
      ...row,
      id: undefined,
      callSid: undefined,
      updatedAt: undefined,
      costUsd: String(row.costUsd),
    });
    expect(columns(a)).toEqual(columns(b));
    expect(a.updatedAt.getTime()).toBeGreaterThan(byJournal.updatedAt.getTime());
    // A field that is no column is refused when queued, before it could hold the journal back.
    expect(() => journal.updateCall(byJournal.id, { nope: 1 } as never)).toThrow(
      /not a CallSession column.*nope/,
    );
  });

  it("never reopens or re-ends a finished call, and still updates a live one", async () => {
    const journal = new CallJournal(db.prisma, pino({ level: "silent" }), { flushIntervalMs: 10 });
    const finished = await insertTestCall(db.prisma, { status: "completed", endReason: "caller_hung_up" });
    // A pre-warmed session given up late (stream wait) or a late stream would cancel or reopen it.
    journal.updateCall(finished.id, { status: "canceled", endReason: "canceled" });
    journal.updateCall(call.id, { status: "active", streamSid: "MZ-live" });
    expect(await journal.drain()).toBe(true);
    expect(await db.prisma.callSession.findUniqueOrThrow({ where: { id: finished.id } })).toMatchObject({
      status: "completed",
      endReason: "caller_hung_up",
    });
    expect(await db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      status: "active",
      streamSid: "MZ-live",
    });
  });

  it("writes a change queued after a live-only status even when the call ended before the flush", async () => {
    // No timed flush: only drain() writes, after the row has ended, whatever the machine's load.
    const journal = new CallJournal(db.prisma, pino({ level: "silent" }), { flushIntervalMs: 60_000 });
    const legacy = await insertTestCall(db.prisma, { status: "ringing" });
    // A legacy call's answer and its handoff turn, both still queued when Twilio's completed
    // callback ends the row directly (a busy process flushes late).
    journal.updateCall(legacy.id, { status: "active", answeredAt: new Date() });
    journal.updateCall(legacy.id, {
      handoffAt: new Date(),
      handoffReason: "not understood",
      handoffBy: "fallback",
    });
    await db.prisma.callSession.update({ where: { id: legacy.id }, data: { status: "completed" } });
    expect(await journal.drain()).toBe(true);
    expect(await db.prisma.callSession.findUniqueOrThrow({ where: { id: legacy.id } })).toMatchObject({
      status: "completed",
      answeredAt: null,
      handoffReason: "not understood",
      handoffBy: "fallback",
    });
  });

  it("drops and counts only the event the database refuses; the other calls' events go on", async () => {
    const journal = new CallJournal(db.prisma, pino({ level: "silent" }), { flushIntervalMs: 10 });
    const refused: string[] = [];
    journal.onEventRefused = (sqlState) => refused.push(sqlState);
    const other = await insertTestCall(db.prisma);
    const say = (to: { id: string; companyId: string }, text: string) =>
      journal.event(to, "transcript", { role: "caller", text, truncated: false });
    say(call, "before");
    // jsonb cannot hold NUL (SQLSTATE 22P05): this row can never be stored.
    say(other, "bad\u0000row");
    say(call, "after");
    say(other, "good");
    expect(await journal.drain()).toBe(true);
    expect(refused).toEqual(["22P05"]);
    const texts = async (id: string) =>
      (await db.prisma.callEvent.findMany({ where: { callSessionId: id }, orderBy: { id: "asc" } })).map(
        (e) => (e.payload as { text?: string }).text,
      );
    expect((await texts(call.id)).slice(-2)).toEqual(["before", "after"]);
    expect(await texts(other.id)).toEqual(["good"]);
  });

  it("drops and counts only the field of a row change the database refuses; the rest of that call and the other calls go on", async () => {
    const journal = new CallJournal(db.prisma, pino({ level: "silent" }), { flushIntervalMs: 10 });
    const refused: string[] = [];
    journal.onRowFieldRefused = (sqlState) => refused.push(sqlState);
    const [bad, good] = await Promise.all([
      insertTestCall(db.prisma, { status: "active" }),
      insertTestCall(db.prisma, { status: "active" }),
    ]);
    // A reason from a model's tool call with a NUL, which no text column can hold.
    journal.updateCall(bad.id, {
      status: "completed",
      endReason: "handed_off",
      handoffReason: "bad\u0000reason",
    });
    journal.updateCall(good.id, { status: "completed", endReason: "handed_off", handoffReason: "asked" });
    journal.event(bad, "status", { status: "ended", detail: "handed_off" });
    expect(await journal.drain()).toBe(true);
    expect(refused).toEqual(["22P05"]);
    const rows = await db.prisma.callSession.findMany({ where: { id: { in: [bad.id, good.id] } } });
    expect(rows.map((row) => [row.id, row.status, row.endReason, row.handoffReason]).sort()).toEqual(
      [
        [bad.id, "completed", "handed_off", null],
        [good.id, "completed", "handed_off", "asked"],
      ].sort(),
    );
    expect(await db.prisma.callEvent.count({ where: { callSessionId: bad.id } })).toBe(1);
  });
});
