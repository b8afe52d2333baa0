import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";

// On both databases whatever the run's DATABASE_URL: pg_trgm-like pitfalls (a locale that drops
// multibyte characters) would show on one and not the other.
const postgresUrl = process.env.DATABASE_URL;
const KINDS = postgresUrl ? (["postgresql", "pglite"] as const) : (["pglite"] as const);

describe.each(KINDS)("transcripts.search on %s", (kind) => {
  let h: ApiHarness;
  const lineIds: Record<string, string> = {};
  let bookingCallId = "";
  beforeAll(async () => {
    if (kind === "pglite") delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = postgresUrl;
    h = await startApiHarness();
    process.env.DATABASE_URL = postgresUrl;
    const booking = await insertTestCall(h.db.prisma, { status: "completed" });
    const cancel = await insertTestCall(h.db.prisma, { status: "completed" });
    bookingCallId = booking.id;
    const lines: [string, "caller" | "agent", string][] = [
      [booking.id, "agent", "お電話ありがとうございます。"],
      [booking.id, "caller", "来週の火曜日に予約をお願いしたいのですが。"],
      [booking.id, "agent", "ご予約を承りました。"],
      [booking.id, "caller", "明日の予定の約束を変えたいです。"],
      [booking.id, "caller", "約予という並びです。"],
      [cancel.id, "caller", "契約を解約したいのですが。"],
      [cancel.id, "agent", "OK です、Wi-Fi の件ですね。"],
    ];
    for (const [callSessionId, role, text] of lines) {
      const event = await h.db.prisma.callEvent.create({
        data: {
          callSessionId,
          companyId: DEMO.companyId,
          type: "transcript",
          payload: { role, text, truncated: false },
        },
      });
      lineIds[text] = event.id.toString();
    }
    // The other company said it too: never in the demo company's results.
    await h.db.prisma.callEvent.create({
      data: {
        callSessionId: h.other.callId,
        companyId: h.other.companyId,
        type: "transcript",
        payload: { role: "caller", text: "他社での予約と解約です。", truncated: false },
      },
    });
  });
  afterAll(() => h?.close());

  const search = (query: string, extra: { limit?: number; cursor?: string | null } = {}) =>
    h.caller(h.users.operator).transcripts.search({ query, ...extra });

  it("finds the two-character word 予約 in Japanese lines, and not 予 and 約 apart or reversed", async () => {
    const result = await search("予約");
    expect(result.matches.map((m) => m.text)).toEqual([
      "ご予約を承りました。",
      "来週の火曜日に予約をお願いしたいのですが。",
    ]);
    expect(result.matches[0]).toMatchObject({
      lineId: lineIds["ご予約を承りました。"],
      callId: bookingCallId,
      role: "agent",
      call: { direction: "inbound", agentName: expect.any(String) },
    });
    expect(result.nextCursor).toBeNull();
  });

  it("finds 解約 in the company's own calls only", async () => {
    const result = await search("解約");
    expect(result.matches.map((m) => m.text)).toEqual(["契約を解約したいのですが。"]);
  });

  it("matches longer phrases, letters in any case, and nothing for a word nobody said", async () => {
    expect((await search("予約をお願い")).matches).toHaveLength(1);
    expect((await search("wi-fi")).matches.map((m) => m.text)).toEqual(["OK です、Wi-Fi の件ですね。"]);
    expect((await search("ok")).matches).toHaveLength(1);
    expect((await search("黒猫")).matches).toEqual([]);
  });

  it("pages newest first with the cursor, through the newest lines and through the index alike", async () => {
    // limit 1: the newest lines already hold more than a page (the first step).
    const first = await search("予約", { limit: 1 });
    expect(first.matches.map((m) => m.text)).toEqual(["ご予約を承りました。"]);
    expect(first.nextCursor).toBe(lineIds["ご予約を承りました。"]);
    // From the cursor on, one match is left: too few for a page, so the index answers (the second).
    const second = await search("予約", { limit: 1, cursor: first.nextCursor });
    expect(second.matches.map((m) => m.text)).toEqual(["来週の火曜日に予約をお願いしたいのですが。"]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses a one-character search", async () => {
    await expect(search("予")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("answers a two-character Japanese word from the bigram index", async () => {
    const plan = await h.db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT e.id FROM "CallEvent" e
        WHERE e.type = 'transcript' AND koe_bigrams(e.payload ->> 'text') @> koe_query_bigrams('解約')`;
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("CallEvent_transcript_bigrams_idx");
    const [pieces] = await h.db.prisma.$queryRaw<{ bigrams: string[] }[]>`
      SELECT koe_query_bigrams('予約をOK') AS bigrams`;
    expect(pieces?.bigrams.sort()).toEqual(["ok", "をo", "予約", "約を"].sort());
  });
});
