import { type CallOutcome, DEMO, type Prisma, type PrismaClient } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overview } from "../routers/overview/overview.ts";
import { overviewInput } from "../routers/overview/overview.types.ts";
import { type ApiHarness, startApiHarness } from "../testing/api-harness.ts";
import { addDemoVersion2 } from "../testing/demo-version.ts";
import { rollUpOverview } from "./roll-up.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OUTCOMES: (CallOutcome | null)[] = [null, "booked", "info_provided", "handed_off", "other"];
const STATUSES = ["completed", "completed", "interrupted", "no_answer", "busy"] as const;

/**
 * The overview from the roll-up must equal the overview from the calls alone: the counts and costs
 * exactly, the latency percentiles too (both come from the same bins). The calls alone are what the
 * overview reads with no watermark.
 */
describe("the overview's hourly roll-up", () => {
  let h: ApiHarness;
  let prisma: PrismaClient;
  let version2Id = "";
  const now = Date.now();
  // The latest Tokyo midnight at least three days ago (15:00 UTC).
  const tokyoMidnight = Math.floor((now - 3 * DAY) / DAY) * DAY + 15 * HOUR;

  const call = (
    companyId: string,
    agentId: string,
    at: number,
    i: number,
    data: Partial<Prisma.CallSessionUncheckedCreateInput> = {},
  ) =>
    insertTestCall(prisma, {
      companyId,
      agentId,
      startedAt: new Date(at),
      status: STATUSES[i % STATUSES.length],
      engine: i % 4 === 0 ? "legacy" : "realtime",
      outcome: OUTCOMES[i % OUTCOMES.length],
      isTest: i % 7 === 0,
      handoffAt: i % 6 === 0 ? new Date(at + 60_000) : null,
      costUsd: i % 4 === 0 ? 0 : 0.013 * (i % 11) + 0.000_001 * i,
      // Whole milliseconds: their sums come out the same whichever order they are added in.
      turnLatenciesMs: Array.from({ length: i % 5 }, (_, t) => 200 + ((i * 37 + t * 211) % 2_600)),
      ...(companyId === DEMO.companyId && i % 3 === 0 ? { agentVersionId: version2Id } : {}),
      ...data,
    });

  /** Calls of a company over the last year: around a local midnight, spread over days, and in the last hours. */
  async function seedCalls(companyId: string, agentId: string, midnight: number) {
    const times = [
      ...Array.from({ length: 40 }, (_, i) => midnight - 90 * 60_000 + i * 4 * 60_000),
      ...Array.from({ length: 60 }, (_, i) => now - 360 * DAY + i * 6 * DAY + (i % 24) * HOUR + i * 61_000),
      ...Array.from({ length: 12 }, (_, i) => now - 4 * HOUR + i * 20 * 60_000),
      // On the hour, and the last millisecond before one.
      Math.floor((now - 5 * DAY) / HOUR) * HOUR,
      Math.floor((now - 5 * DAY) / HOUR) * HOUR - 1,
    ];
    for (const [i, at] of times.entries()) await call(companyId, agentId, at, i);
  }

  const inputs = () => [
    { from: new Date(now - 365 * DAY).toISOString(), bucket: "day" as const },
    { from: new Date(now - 365 * DAY).toISOString(), bucket: "day" as const, includeTests: true },
    { from: new Date(now - 7 * DAY + 1_234).toISOString(), bucket: "hour" as const },
    { from: new Date(now - 30 * DAY).toISOString(), bucket: "day" as const, engine: "realtime" as const },
    { from: new Date(now - 30 * DAY).toISOString(), bucket: "day" as const, agentVersionId: version2Id },
  ];
  const overviews = (companyId: string) =>
    Promise.all(
      inputs().map((input) =>
        overview(prisma, companyId, overviewInput.parse({ ...input, to: new Date(now).toISOString() })),
      ),
    );
  /** The overviews from the calls alone: with the watermark unset for the moment. */
  async function rawOverviews(companyId: string) {
    const [state] = await prisma.$queryRaw<
      { watermark: Date | null }[]
    >`SELECT watermark FROM "OverviewRollup"`;
    await prisma.$executeRaw`UPDATE "OverviewRollup" SET watermark = NULL`;
    try {
      return await overviews(companyId);
    } finally {
      await prisma.$executeRaw`UPDATE "OverviewRollup" SET watermark = ${state?.watermark ?? null}`;
    }
  }
  const rolledUpRows = async (companyId: string) =>
    (await prisma.overviewHour.count({ where: { companyId } })) +
    (await prisma.overviewHourLatency.count({ where: { companyId } }));
  /** Adds calls to every roll-up row: the overview shows it only if it reads the roll-up. */
  const inflateRollUp = (companyId: string, by: number) =>
    prisma.$executeRaw`UPDATE "OverviewHour" SET calls = calls + ${by} WHERE "companyId" = ${companyId}::uuid`;

  beforeAll(async () => {
    h = await startApiHarness();
    prisma = h.db.prisma;
    ({ version2Id } = await addDemoVersion2(prisma));
    await seedCalls(DEMO.companyId, DEMO.agentId, tokyoMidnight);
  });
  afterAll(() => h.close());

  it("rolls up the hours that ended two hours ago and gives the same overview as the calls alone", async () => {
    const before = await overviews(DEMO.companyId);
    expect(before[0]?.totals.calls).toBeGreaterThan(90);
    const result = await rollUpOverview(prisma);
    expect(result.watermark?.getTime()).toBe(Math.floor((Date.now() - 2 * HOUR) / HOUR) * HOUR);
    expect(result.hours).toBeGreaterThan(350 * 24);
    expect(await rolledUpRows(DEMO.companyId)).toBeGreaterThan(100);
    const days = { companyId: DEMO.companyId, timeZone: "Asia/Tokyo" };
    expect(await prisma.overviewDayLatency.count({ where: days })).toBeGreaterThan(50);
    // The last hours' calls are marked (they started over an hour ago), but after the watermark.
    expect(
      await prisma.overviewDirtyHour.count({ where: { hour: { lt: result.watermark ?? undefined } } }),
    ).toBe(0);
    expect(await overviews(DEMO.companyId)).toEqual(before);
    // The calls of the last hours, after the watermark, are there all the same.
    const lastHours = await overview(
      prisma,
      DEMO.companyId,
      overviewInput.parse({
        from: new Date(now - 4 * HOUR - 1).toISOString(),
        to: new Date(now).toISOString(),
        bucket: "hour",
      }),
    );
    expect(lastHours.totals.calls).toBeGreaterThan(0);
  });

  it("reads the rolled-up hours from the roll-up", async () => {
    const before = await overviews(DEMO.companyId);
    await inflateRollUp(DEMO.companyId, 1_000);
    const inflated = await overviews(DEMO.companyId);
    await inflateRollUp(DEMO.companyId, -1_000);
    expect(inflated[0]?.totals.calls).toBeGreaterThan((before[0]?.totals.calls ?? 0) + 1_000);
  });

  it("reads hours whose calls changed after the roll-up from the calls until it rolls them again", async () => {
    const old = await prisma.callSession.findMany({
      where: { companyId: DEMO.companyId, startedAt: { lt: new Date(now - 3 * DAY) } },
      orderBy: { startedAt: "asc" },
      take: 6,
    });
    const [late, costed, moved, deleted, latency] = old;
    if (!late || !costed || !moved || !deleted || !latency) throw new Error("too few calls");
    // A late analysis, a cost added, an edit that moves a call, a deletion, a turn journaled late, a call added.
    await prisma.callSession.update({
      where: { id: late.id },
      data: { outcome: "cancelled", status: "completed" },
    });
    await prisma.callSession.update({ where: { id: costed.id }, data: { costUsd: { increment: 0.5 } } });
    await prisma.callSession.update({
      where: { id: moved.id },
      data: { startedAt: new Date(tokyoMidnight + 5 * 60_000), isTest: false },
    });
    await prisma.callSession.delete({ where: { id: deleted.id } });
    await prisma.callEvent.create({
      data: {
        callSessionId: latency.id,
        companyId: DEMO.companyId,
        type: "turn_latency",
        payload: { turn: 9, latencyMs: 4_321 },
      },
    });
    await call(DEMO.companyId, DEMO.agentId, tokyoMidnight - 1, 3);
    const watermark = (await prisma.overviewRollup.findFirstOrThrow()).watermark ?? undefined;
    expect(
      await prisma.overviewDirtyHour.count({ where: { hour: { lt: watermark } } }),
    ).toBeGreaterThanOrEqual(6);

    const raw = await rawOverviews(DEMO.companyId);
    expect(await overviews(DEMO.companyId)).toEqual(raw);
    const again = await rollUpOverview(prisma);
    expect(again.dirtyHours).toBeGreaterThanOrEqual(6);
    expect(
      await prisma.overviewDirtyHour.count({ where: { hour: { lt: again.watermark ?? undefined } } }),
    ).toBe(0);
    expect(await overviews(DEMO.companyId)).toEqual(raw);
  });

  it("leaves a live call's updates alone: they mark nothing", async () => {
    const marked = await prisma.overviewDirtyHour.count();
    const live = await call(DEMO.companyId, DEMO.agentId, Date.now() - 10 * 60_000, 1, { status: "active" });
    await prisma.callSession.update({ where: { id: live.id }, data: { turnLatenciesMs: { push: 640 } } });
    await prisma.callSession.update({
      where: { id: live.id },
      data: { status: "completed", outcome: "booked" },
    });
    expect(await prisma.overviewDirtyHour.count()).toBe(marked);
  });

  it("reads every call of a company in a time zone with a half-hour offset (Asia/Kolkata)", async () => {
    await prisma.company.update({ where: { id: h.other.companyId }, data: { timeZone: "Asia/Kolkata" } });
    // Kolkata's midnight is 18:30 UTC.
    await seedCalls(h.other.companyId, h.other.agentId, tokyoMidnight + 3.5 * HOUR);
    await rollUpOverview(prisma);
    expect(await rolledUpRows(h.other.companyId)).toBeGreaterThan(100);
    const raw = await rawOverviews(h.other.companyId);
    await inflateRollUp(h.other.companyId, 1_000);
    const result = await overviews(h.other.companyId);
    await inflateRollUp(h.other.companyId, -1_000);
    expect(result).toEqual(raw);
  });

  it("uses the roll-up in a time zone with DST (Europe/Berlin), across its change", async () => {
    await prisma.company.update({ where: { id: h.other.companyId }, data: { timeZone: "Europe/Berlin" } });
    const before = await overviews(h.other.companyId);
    expect(before).toEqual(await rawOverviews(h.other.companyId));
    // The company's days, built again in its new time zone (23 and 25 hours long around the changes).
    await rollUpOverview(prisma);
    const days = await prisma.overviewDayLatency.findMany({ where: { companyId: h.other.companyId } });
    expect(days.length).toBeGreaterThan(50);
    expect(days.every((d) => d.timeZone === "Europe/Berlin")).toBe(true);
    expect(await overviews(h.other.companyId)).toEqual(before);
    await inflateRollUp(h.other.companyId, 1_000);
    const inflated = await overviews(h.other.companyId);
    await inflateRollUp(h.other.companyId, -1_000);
    expect(inflated[0]?.totals.calls).toBeGreaterThan((before[0]?.totals.calls ?? 0) + 1_000);
  });
});
