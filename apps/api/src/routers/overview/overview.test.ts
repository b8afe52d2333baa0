import { DEMO, type Prisma } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_RELATIVE_ERROR } from "../../overview-rollup/latency-histogram.ts";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";
import { addDemoVersion2 } from "../../testing/demo-version.ts";

/** The demo company is in Asia/Tokyo (UTC+9): 14:30Z is 23:30 on 1 December there, 15:30Z past midnight. */
const DEC_1_2330_JST = "2026-12-01T14:30:00Z";
const DEC_2_0030_JST = "2026-12-01T15:30:00Z";

/** Percentiles come from latency histograms: within their documented error of the exact ones. */
function expectNearPercentile(actual: number | null | undefined, exact: number | null | undefined) {
  expect(actual).toBeTypeOf("number");
  expect(exact).toBeTypeOf("number");
  expect(Math.abs((actual as number) / (exact as number) - 1)).toBeLessThanOrEqual(MAX_RELATIVE_ERROR + 1e-9);
}

describe("overview.get", () => {
  let h: ApiHarness;
  let version2Id = "";
  const call = (startedAt: string, data: Partial<Prisma.CallSessionUncheckedCreateInput> = {}) =>
    insertTestCall(h.db.prisma, { status: "completed", startedAt: new Date(startedAt), ...data });
  const latencies = (callSessionId: string, at: string, values: number[]) =>
    h.db.prisma.callEvent.createMany({
      data: values.map((latencyMs, turn) => ({
        callSessionId,
        companyId: DEMO.companyId,
        type: "turn_latency" as const,
        payload: { turn: turn + 1, latencyMs },
        occurredAt: new Date(at),
      })),
    });

  beforeAll(async () => {
    h = await startApiHarness();
    const versions = await addDemoVersion2(h.db.prisma);
    version2Id = versions.version2Id;
    // Either side of midnight in Tokyo (the same UTC day).
    const booked = await call(DEC_1_2330_JST, {
      outcome: "booked",
      costUsd: 0.2,
      agentVersionId: versions.version1Id,
    });
    await latencies(booked.id, DEC_1_2330_JST, [400, 600]);
    await call(DEC_2_0030_JST, {
      costUsd: 0.4,
      agentVersionId: version2Id,
      handoffAt: new Date(DEC_2_0030_JST),
    });
    // A test call: left out unless asked for.
    await call(DEC_2_0030_JST, { outcome: "other", isTest: true });
    // An operator's reference against what the transcription heard (one character wrong of 11).
    const checked = await call(DEC_2_0030_JST, {
      outcome: "info_provided",
      referenceTranscript: "予約をお願いします。明日",
      agentVersionId: versions.version1Id,
    });
    await h.db.prisma.callEvent.create({
      data: {
        callSessionId: checked.id,
        companyId: DEMO.companyId,
        type: "transcript",
        payload: { role: "caller", text: "予約をお願いしまず、明日", truncated: false },
      },
    });
    // Another company's call in the same hour.
    await insertTestCall(h.db.prisma, {
      companyId: h.other.companyId,
      agentId: h.other.agentId,
      status: "completed",
      startedAt: new Date(DEC_2_0030_JST),
    });
  });
  afterAll(() => h.close());

  const get = (input: Partial<Parameters<ReturnType<ApiHarness["caller"]>["overview"]["get"]>[0]> = {}) =>
    h.caller(h.users.admin).overview.get({
      from: "2026-11-30T15:00:00Z",
      to: "2026-12-02T15:00:00Z",
      bucket: "day",
      ...input,
    });

  it("counts calls per day of the company's time zone, stacked by outcome (unanalysed apart)", async () => {
    const result = await get();
    expect(result.timeZone).toBe("Asia/Tokyo");
    expect(result.volume.map((b) => [b.bucket, b.calls])).toEqual([
      ["2026-12-01T00:00", 1],
      ["2026-12-02T00:00", 2],
    ]);
    expect(result.volume[0]?.byOutcome).toMatchObject({ booked: 1, unanalyzed: 0 });
    expect(result.volume[1]?.byOutcome).toMatchObject({ info_provided: 1, unanalyzed: 1, other: 0 });
  });

  it("buckets by the hour, empty hours included", async () => {
    const result = await get({ from: "2026-12-01T14:00:00Z", to: "2026-12-01T17:00:00Z", bucket: "hour" });
    expect(result.volume.map((b) => [b.bucket, b.calls])).toEqual([
      ["2026-12-01T23:00", 1],
      ["2026-12-02T00:00", 2],
      ["2026-12-02T01:00", 0],
    ]);
  });

  it("includes test calls when asked", async () => {
    const result = await get({ includeTests: true });
    expect(result.volume[1]?.byOutcome).toMatchObject({ other: 1 });
    expect(result.totals.calls).toBe(4);
  });

  it("gives rates, latency, accuracy and cost with their sample sizes, and judges none below the minimum", async () => {
    const { totals, minSampleSize } = await get();
    expect(minSampleSize).toBe(30);
    expect(totals.connected).toBe(3);
    expect(totals.completionRate).toMatchObject({
      value: 2 / 3,
      sampleSize: 3,
      enoughSamples: false,
      met: null,
    });
    expect(totals.handoffRate).toMatchObject({ value: 1 / 3, sampleSize: 3, met: null });
    expect(totals.latency).toMatchObject({ turns: 2, avgMs: { value: 500 } });
    expectNearPercentile(totals.latency.p50Ms, 500);
    expectNearPercentile(totals.latency.p95Ms.value, 590);
    expect(totals.latency.p95Ms).toMatchObject({ sampleSize: 2, met: null });
    expect(totals.accuracy).toMatchObject({ sampleSize: 1, enoughSamples: false, met: null });
    expect(totals.cer).toBeCloseTo(1 / 11);
    expect(totals.avgCostUsd).toMatchObject({ value: expect.closeTo(0.2), sampleSize: 3 });
    expect(totals.totalCostUsd).toBeCloseTo(0.6);
  });

  it("narrows to a version and splits the figures by agent, version and engine", async () => {
    const result = await get({ agentVersionId: version2Id });
    expect(result.totals.calls).toBe(1);
    expect(result.volume[1]?.costPerCallUsd).toBeCloseTo(0.4);
    const all = await get();
    expect(all.groups.map((g) => [g.agent?.name, g.version, g.engine, g.calls])).toEqual([
      [expect.any(String), 1, "realtime", 2],
      [expect.any(String), 2, "realtime", 1],
    ]);
  });

  it("judges a rate once the calls reach the minimum", async () => {
    const start = new Date("2026-11-20T03:00:00Z").getTime();
    await h.db.prisma.callSession.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        callSid: `CA-overview-${i}`,
        companyId: DEMO.companyId,
        agentId: DEMO.agentId,
        direction: "inbound" as const,
        fromNumber: "+819011112222",
        toNumber: DEMO.phoneNumber,
        engine: "realtime" as const,
        status: "completed" as const,
        startedAt: new Date(start + i * 60_000),
        handoffAt: i < 3 ? new Date(start + i * 60_000) : null,
      })),
    });
    const { totals } = await get({ from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z" });
    expect(totals.completionRate).toMatchObject({
      value: 0.9,
      sampleSize: 30,
      enoughSamples: true,
      met: true,
    });
    expect(totals.handoffRate).toMatchObject({ value: 0.1, met: true });
  });

  it("reads turn latency from each call's copy of its turn_latency events, with the events' own figures", async () => {
    const at = ["2026-11-10T01:00:00Z", "2026-11-10T16:00:00Z", "2026-11-11T02:00:00Z"];
    const realtime = await call(at[0] as string);
    await latencies(realtime.id, at[0] as string, [320.5, 410, 1250, 700]);
    const legacy = await call(at[1] as string, { engine: "legacy" });
    await latencies(legacy.id, at[1] as string, [900, 1800]);
    const version2 = await call(at[2] as string, { agentVersionId: version2Id });
    for (const latencyMs of [450, 380.25, 2100]) {
      await h.db.prisma.callEvent.create({
        data: {
          callSessionId: version2.id,
          companyId: DEMO.companyId,
          type: "turn_latency",
          payload: { turn: 1, latencyMs },
          occurredAt: new Date(at[2] as string),
        },
      });
    }
    // A malformed payload is journaled all the same and counted nowhere.
    await h.db.prisma.callEvent.create({
      data: {
        callSessionId: version2.id,
        companyId: DEMO.companyId,
        type: "turn_latency",
        payload: { turn: 4 },
      },
    });
    const copied = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: version2.id } });
    expect(copied.turnLatenciesMs).toEqual([450, 380.25, 2100]);

    const period = { from: "2026-11-09T15:00:00Z", to: "2026-11-11T15:00:00Z" };
    const fromEvents = await h.db.prisma.$queryRaw<
      { bucket: string | null; turns: number; p50: number; p95: number }[]
    >`
      SELECT to_char(date_trunc('day', e."occurredAt" AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM-DD"T"HH24:MI') AS bucket,
             count(*)::int AS turns,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY (e.payload ->> 'latencyMs')::float8) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY (e.payload ->> 'latencyMs')::float8) AS p95
      FROM "CallEvent" e
      WHERE e."callSessionId" IN (${realtime.id}::uuid, ${legacy.id}::uuid, ${version2.id}::uuid)
        AND jsonb_typeof(e.payload -> 'latencyMs') = 'number'
      GROUP BY ROLLUP (1) ORDER BY 1`;
    const result = await get(period);
    const overall = fromEvents.find((r) => r.bucket === null);
    expect(result.totals.latency).toMatchObject({ turns: 9, scope: "mixed" });
    expectNearPercentile(result.totals.latency.p50Ms, overall?.p50);
    expectNearPercentile(result.totals.latency.p95Ms.value, overall?.p95);
    const byDay = fromEvents.filter((r) => r.bucket !== null);
    expect(result.latency.map((b) => [b.bucket, b.turns])).toEqual(byDay.map((r) => [r.bucket, r.turns]));
    for (const [i, day] of byDay.entries()) {
      expectNearPercentile(result.latency[i]?.p50Ms, day.p50);
      expectNearPercentile(result.latency[i]?.p95Ms, day.p95);
    }
    const groups = result.groups.map((g) => [g.version, g.engine, g.latencyP95Ms.sampleSize]);
    expect(groups).toHaveLength(3);
    expect(groups).toEqual(
      expect.arrayContaining([
        [null, "realtime", 4],
        [null, "legacy", 2],
        [2, "realtime", 3],
      ]),
    );
  });

  it("refuses an hourly chart longer than a week", async () => {
    await expect(get({ bucket: "hour", from: "2026-11-01T00:00:00Z" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
