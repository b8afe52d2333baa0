import { DEMO } from "@koe/db";
import { insertTestCall, insertTestEvent } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActiveCallsMessage, activeCallChanges } from "../routers/live/active-call-changes.ts";
import { type ApiHarness, startApiHarness } from "../testing/api-harness.ts";

describe("one live subscription's failure", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.close());

  it("ends that subscription with a clear error; the others still get every event", async () => {
    const call = await insertTestCall(h.db.prisma, { status: "active" });
    const failing = await h.services.tail.subscribe(() => {
      throw new TypeError("a defect in one subscriber");
    });
    const healthy = await h.services.tail.subscribe((event) => event.callSessionId === call.id);
    const abort = new AbortController();
    const event = await insertTestEvent(h.db.prisma, call, "transcript", {
      role: "caller",
      text: "もしもし",
      truncated: false,
    });
    const received = await healthy.batches(abort.signal).next();
    expect(received.done).toBe(false);
    expect(received.value).toEqual([expect.objectContaining({ id: event.id })]);
    await expect(failing.batches(abort.signal).next()).rejects.toThrow(
      "live updates stopped: a defect in one subscriber",
    );
    abort.abort();
    healthy.close();
  });

  it("passes over a malformed status event in the company's active calls, and goes on", async () => {
    const abort = new AbortController();
    const iterator = activeCallChanges(h.services, DEMO.companyId, null, abort.signal);
    const snapshot = await iterator.next();
    expect(snapshot.value?.message.kind).toBe("snapshot");
    const broken = await insertTestCall(h.db.prisma, { status: "active" });
    await h.db.prisma.$executeRaw`
      INSERT INTO "CallEvent" ("callSessionId", "companyId", type, payload)
      VALUES (${broken.id}::uuid, ${DEMO.companyId}::uuid, 'status', 'null'::jsonb)`;
    const fresh = await insertTestCall(h.db.prisma, { status: "active" });
    await insertTestEvent(h.db.prisma, fresh, "status", { status: "active" });
    const seen: ActiveCallsMessage[] = [];
    while (!seen.some((m) => m.kind === "started" && m.call.id === fresh.id)) {
      const next = await iterator.next();
      if (next.value) seen.push(next.value.message);
    }
    expect(seen.map((m) => (m.kind === "snapshot" ? m.kind : `${m.kind}:${m.call.id}`))).toEqual([
      `updated:${broken.id}`,
      `started:${fresh.id}`,
    ]);
    abort.abort();
    await iterator.return(undefined);
  });
});
