import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiHarness } from "../testing/api-harness.ts";
import { startSignedInApi } from "../testing/served-api.ts";
import { csvRecord } from "./csv.ts";

const MANY = 2_500;

describe("exports: the history as CSV and a call's transcript as text", () => {
  let h: ApiHarness;
  let base: string;
  let close: () => Promise<void>;
  let cookie: string;
  let callId: string;
  beforeAll(async () => {
    ({ h, base, cookie, close } = await startSignedInApi(DEMO.operatorEmail, "10.9.0.2"));
    const customer = await h.db.prisma.customer.create({
      data: { companyId: DEMO.companyId, phoneNumber: "+819055556666", name: '山田 "タロウ", 様' },
    });
    const call = await insertTestCall(h.db.prisma, {
      status: "completed",
      customerId: customer.id,
      outcome: "booked",
      costUsd: 0.3,
      startedAt: new Date("2026-12-01T15:30:00Z"),
      durationSeconds: 95,
    });
    callId = call.id;
    await h.db.prisma.callEvent.createMany({
      data: [
        { role: "agent", text: "お電話ありがとうございます。" },
        { role: "caller", text: "予約をお願いします。" },
      ].map((payload, i) => ({
        callSessionId: call.id,
        companyId: DEMO.companyId,
        type: "transcript" as const,
        payload: { ...payload, truncated: false },
        occurredAt: new Date(Date.parse("2026-12-01T15:30:00Z") + i * 4000),
      })),
    });
    await insertTestCall(h.db.prisma, {
      status: "completed",
      engine: "legacy",
      startedAt: new Date("2026-11-01T00:00:00Z"),
    });
  });
  afterAll(() => close());

  const historyCsv = (filter: object, withCookie = cookie) =>
    fetch(`${base}/api/calls/export.csv?filter=${encodeURIComponent(JSON.stringify(filter))}`, {
      headers: withCookie ? { cookie: withCookie } : {},
    });

  it("writes UTF-8 with a BOM, Japanese headers, quoted fields and times in the company's zone", async () => {
    const res = await historyCsv({ engine: "realtime" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="koe-calls-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM it just read.
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    expect(lines[0]).toMatch(
      /^通話ID,開始日時,方向,発信元,着信先,お客様,エージェント,バージョン,エンジン,状態/,
    );
    // The filter came through: the legacy call is not in it.
    expect(lines.filter((l) => l !== "")).toHaveLength(2);
    expect(lines[1]).toContain(
      `${callId},2026-12-02 00:30:00,inbound,+819011112222,${DEMO.phoneNumber},"山田 ""タロウ"", 様",`,
    );
    expect(lines[1]).toContain(",realtime,completed,95,,,booked,45,0.3,");
  });

  it("defuses cells Excel would run as formulas, but leaves phone numbers", () => {
    expect(csvRecord(["=1+1", "@SUM(A1)", "-2", "+819011112222", "a\nb", 3, null])).toBe(
      `'=1+1,'@SUM(A1),'-2,+819011112222,"a\nb",3,\r\n`,
    );
  });

  it("refuses a bad filter and a signed-out browser, and holds the company's own calls only", async () => {
    expect((await historyCsv({ engine: "steam" })).status).toBe(400);
    expect((await historyCsv({}, "")).status).toBe(401);
    const own = await historyCsv({});
    const text = await own.text();
    expect(text).toContain(callId);
    expect(text).not.toContain(h.other.callId);
  });

  it("streams the transcript as text, and another company's call is a 404", async () => {
    const res = await fetch(`${base}/api/calls/${callId}/transcript.txt`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await res.text();
    expect(text).toContain("開始 2026-12-02 00:30:00 (Asia/Tokyo)");
    expect(text).toContain(
      "[00:30:00] エージェント: お電話ありがとうございます。\r\n[00:30:04] お客様: 予約をお願いします。\r\n",
    );
    const otherCall = await fetch(`${base}/api/calls/${h.other.callId}/transcript.txt`, {
      headers: { cookie },
    });
    expect(otherCall.status).toBe(404);
    expect((await fetch(`${base}/api/calls/${callId}/transcript.txt`)).status).toBe(401);
  });

  it(`streams ${MANY.toLocaleString("en")} rows in chunks, a batch of the history at a time`, async () => {
    await h.db.prisma.callSession.createMany({
      data: Array.from({ length: MANY }, (_, i) => ({
        callSid: `CA-export-${i}`,
        companyId: DEMO.companyId,
        agentId: DEMO.agentId,
        direction: "inbound" as const,
        fromNumber: "+819011112222",
        toNumber: DEMO.phoneNumber,
        engine: "legacy" as const,
        status: "completed" as const,
        startedAt: new Date(Date.parse("2026-10-01T00:00:00Z") + i * 1000),
      })),
    });
    const res = await historyCsv({ engine: "legacy" });
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
    expect(res.headers.get("content-length")).toBeNull();
    const reader = res.body?.getReader();
    let chunks = 0;
    let text = "";
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    const rows = text.split("\r\n").filter((l) => l !== "");
    expect(rows).toHaveLength(1 + MANY + 1);
    // Each batch of 100 is written as it is read: far more than one chunk arrives.
    expect(chunks).toBeGreaterThan(MANY / 100 / 2);
    // Newest first, as in the history, and every row once.
    expect(new Set(rows.slice(1).map((r) => r.split(",")[0])).size).toBe(MANY + 1);
  });
});
