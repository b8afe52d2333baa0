import { DEMO } from "@koe/db";
import { insertTestCall, insertTestEvent } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiHarness } from "../../testing/api-harness.ts";
import { startSignedInApi } from "../../testing/served-api.ts";
import { readSse } from "../../testing/sse-client.ts";
import type { ActiveCallsMessage } from "./active-call-changes.ts";

/** Appends `count` transcript events to a call in batches, from two writers at once (as two bridge processes would). */
async function appendConcurrently(h: ApiHarness, callSessionId: string, count: number): Promise<void> {
  const writer = async (name: string, n: number) => {
    for (let i = 0; i < n; i += 5) {
      await h.db.prisma.callEvent.createMany({
        data: Array.from({ length: Math.min(5, n - i) }, (_, k) => ({
          callSessionId,
          companyId: DEMO.companyId,
          type: "transcript" as const,
          payload: { role: "caller", text: `${name}-${i + k}`, truncated: false },
        })),
      });
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  await Promise.all([writer("a", count / 2), writer("b", count / 2)]);
}

describe("live subscriptions", () => {
  let h: ApiHarness;
  let base: string;
  let cookie: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ h, base, cookie, close } = await startSignedInApi(DEMO.operatorEmail));
  });
  afterAll(() => close());

  it("resumes a call's events over SSE after a disconnect mid-call with nothing lost or repeated", async () => {
    const call = await insertTestCall(h.db.prisma, { status: "active" });
    const url = `${base}/trpc/live.callEvents?input=${encodeURIComponent(JSON.stringify({ callId: call.id }))}`;
    const received: string[] = [];
    const writing = appendConcurrently(h, call.id, 200);
    // First connection: leaves after 60 events, while the call goes on.
    await readSse(url, { cookie }, (m) => {
      if (m.id) received.push(m.id);
      return received.length < 60;
    });
    const lastEventId = received[received.length - 1] ?? "";
    await new Promise((r) => setTimeout(r, 100));
    // The browser reconnects with Last-Event-ID; it reads until the call's 200 events are in.
    await readSse(url, { cookie, "last-event-id": lastEventId }, (m) => {
      if (m.id) received.push(m.id);
      return received.length < 200;
    });
    await writing;
    const stored = await h.db.prisma.callEvent.findMany({
      where: { callSessionId: call.id },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    expect(received).toEqual(stored.map((e) => e.id.toString()));
  });

  it("refuses another company's call and a signed-out browser", async () => {
    const input = encodeURIComponent(JSON.stringify({ callId: h.other.callId }));
    const messages: unknown[] = [];
    await readSse(`${base}/trpc/live.callEvents?input=${input}`, { cookie }, (m) => {
      messages.push(m.data);
      return m.event !== "serialized-error";
    });
    expect(JSON.stringify(messages)).toContain("NOT_FOUND");
    const res = await fetch(`${base}/trpc/live.callEvents?input=${input}`, {
      headers: { accept: "text/event-stream" },
    });
    expect(await res.text()).toContain("UNAUTHORIZED");
  });

  it("follows the company's active calls: snapshot, started, ended, and a resume that repeats nothing", async () => {
    const running = await insertTestCall(h.db.prisma, { status: "active" });
    const messages: { id: string; message: ActiveCallsMessage }[] = [];
    const iterate = (lastEventId: string | null, until: (m: ActiveCallsMessage) => boolean) =>
      readSse(
        `${base}/trpc/live.activeCalls`,
        { cookie, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
        (m) => {
          if (!m.id) return true;
          const message = m.data as ActiveCallsMessage;
          messages.push({ id: m.id, message });
          return !until(message);
        },
      );
    await iterate(null, (m) => m.kind === "snapshot");
    expect(messages[0]?.message).toMatchObject({ kind: "snapshot" });
    const snapshot = messages[0]?.message.kind === "snapshot" ? messages[0].message.calls : [];
    expect(snapshot.map((c) => c.id)).toContain(running.id);
    expect(snapshot.map((c) => c.id)).not.toContain(h.other.callId);

    const fresh = await insertTestCall(h.db.prisma, { status: "ringing" });
    await h.db.prisma.callSession.update({ where: { id: fresh.id }, data: { status: "active" } });
    await insertTestEvent(h.db.prisma, fresh, "status", { status: "active" });
    await insertTestEvent(h.db.prisma, { id: h.other.callId, companyId: h.other.companyId }, "status", {
      status: "active",
    });
    const resumeFrom = messages[messages.length - 1]?.id ?? null;
    await iterate(resumeFrom, (m) => m.kind === "started");
    expect(messages[1]?.message).toMatchObject({ kind: "started", call: { id: fresh.id, status: "active" } });

    await h.db.prisma.callSession.update({
      where: { id: fresh.id },
      data: { status: "completed", endedAt: new Date() },
    });
    await insertTestEvent(h.db.prisma, fresh, "status", { status: "ended" });
    await iterate(messages[1]?.id ?? null, (m) => m.kind === "ended");
    expect(messages.map((m) => m.message.kind)).toEqual(["snapshot", "started", "ended"]);
    expect(new Set(messages.map((m) => m.id)).size).toBe(3);
  });
});
