import { DEMO, type Prisma, seed } from "@koe/db";
import { createTestDatabase, insertTestCall, type TestDatabase } from "@koe/db/testing";
import { rolloutRollbackDetailsSchema } from "@koe/shared";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rollBackRollout } from "./auto-rollback.ts";
import { runGuardrail } from "./guardrail.ts";
import { startGuardrailMonitor } from "./guardrail-monitor.ts";

const logger = pino({ level: "silent" });
const MINUTE = 60_000;

describe("rollout guardrail", () => {
  let db: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma, { adminPassword: "guardrail-test" });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    now = new Date();
    await db.prisma.callSession.deleteMany();
    await db.prisma.auditLog.deleteMany();
    await db.prisma.operatorAlert.deleteMany();
    await db.prisma.rolloutConfig.update({
      where: { companyId: DEMO.companyId },
      data: {
        realtimePercentage: 50,
        changedAt: new Date(now.getTime() - 60 * MINUTE),
        guardrailEnabled: true,
        guardrailWindowMinutes: 15,
        guardrailMaxErrorRate: 0.1,
        guardrailMaxP95LatencyMs: 1500,
      },
    });
  });

  /**
   * Simulated traffic: `calls` calls of three turns each, `minutesAgo` before now, the i-th turn
   * taking `latency(i)` ms; the first `failed` calls log an OpenAI error.
   */
  async function traffic(options: {
    calls: number;
    latency: (turn: number) => number;
    failed?: number;
    minutesAgo?: number;
    engine?: "realtime" | "legacy";
    error?: Prisma.InputJsonObject;
    isTest?: boolean;
  }) {
    const at = new Date(now.getTime() - (options.minutesAgo ?? 5) * MINUTE);
    const events: Prisma.CallEventCreateManyInput[] = [];
    for (let c = 0; c < options.calls; c++) {
      const call = await insertTestCall(db.prisma, {
        engine: options.engine ?? "realtime",
        startedAt: at,
        isTest: options.isTest ?? false,
      });
      const base = { callSessionId: call.id, companyId: DEMO.companyId, occurredAt: at };
      for (let turn = 1; turn <= 3; turn++)
        events.push({
          ...base,
          type: "turn_latency",
          payload: { turn, latencyMs: options.latency(c * 3 + turn) },
        });
      if (c < (options.failed ?? 0))
        events.push({
          ...base,
          type: "error",
          payload: options.error ?? { source: "openai", code: "server_error", message: "boom" },
        });
    }
    await db.prisma.callEvent.createMany({ data: events });
  }
  /** Healthy turns: 500–1,099 ms, spread evenly. */
  const healthy = (i: number) => 500 + ((i * 37) % 600);
  /** A regression: 1,200–2,999 ms. */
  const slow = (i: number) => 1200 + ((i * 53) % 1800);

  const rollout = () => db.prisma.rolloutConfig.findUniqueOrThrow({ where: { companyId: DEMO.companyId } });

  it("leaves normal traffic alone, an occasional failed call included", async () => {
    await traffic({ calls: 30, latency: healthy, failed: 2 });
    expect(await runGuardrail(db.prisma, logger, now)).toEqual([]);
    expect((await rollout()).realtimePercentage).toBe(50);
    expect(await db.prisma.auditLog.count()).toBe(0);
    expect(await db.prisma.operatorAlert.count()).toBe(0);
  });

  it("ignores test calls of evaluation runs, however slow or failing", async () => {
    await traffic({ calls: 30, latency: healthy });
    await traffic({ calls: 30, latency: slow, failed: 30, isTest: true });
    expect(await runGuardrail(db.prisma, logger, now)).toEqual([]);
    expect((await rollout()).realtimePercentage).toBe(50);
  });

  it("rolls back on a latency regression: 0 %, an audit entry saying why, the operators alerted, live calls untouched", async () => {
    await traffic({ calls: 30, latency: slow });
    const live = await insertTestCall(db.prisma, { status: "active" });

    const [rollback, ...others] = await runGuardrail(db.prisma, logger, now);
    expect(others).toEqual([]);
    expect(rollback?.breach).toMatchObject({ metric: "p95_turn_latency_ms", threshold: 1500, samples: 90 });
    expect(rollback?.breach.value).toBeGreaterThan(2800);
    expect(await rollout()).toMatchObject({ realtimePercentage: 0, changedById: null, changedAt: now });

    const audit = await db.prisma.auditLog.findFirstOrThrow();
    expect(audit).toMatchObject({
      companyId: DEMO.companyId,
      actorId: null,
      action: "rollout_auto_rollback",
      entityType: "RolloutConfig",
      before: { realtimePercentage: 50 },
      after: { realtimePercentage: 0 },
    });
    expect(audit.reason).toMatch(
      /^直近15分のRealtime APIのP95ターン遅延が\d+ms\(90ターン\)となり、上限の1500msを超えました。/,
    );
    expect(audit.reason).toContain("50%から0%に自動で戻しました");

    const alert = await db.prisma.operatorAlert.findFirstOrThrow();
    expect(alert).toMatchObject({
      kind: "rollout_auto_rollback",
      message: audit.reason,
      acknowledgedAt: null,
    });
    expect(rolloutRollbackDetailsSchema.parse(alert.details)).toMatchObject({
      metric: "p95_turn_latency_ms",
      previousPercentage: 50,
      auditLogId: audit.id.toString(),
      windowEnd: now.toISOString(),
    });
    // The rollback changes the share of new calls only: the live call's row is as it was.
    expect(await db.prisma.callSession.findUniqueOrThrow({ where: { id: live.id } })).toEqual(live);
    // Already at 0 %: the next pass has nothing to roll back.
    expect(await runGuardrail(db.prisma, logger, new Date(now.getTime() + 30_000))).toEqual([]);
  });

  it("rolls back on an error-rate regression; tool and Twilio errors do not count", async () => {
    await traffic({
      calls: 20,
      latency: healthy,
      failed: 10,
      error: { source: "tool", code: "x", message: "y" },
    });
    expect(await runGuardrail(db.prisma, logger, now)).toEqual([]);
    await insertTestCall(db.prisma, {
      endReason: "realtime_unavailable",
      startedAt: new Date(now.getTime() - MINUTE),
    });
    await traffic({ calls: 10, latency: healthy, failed: 3 });
    const [rollback] = await runGuardrail(db.prisma, logger, now);
    // 4 of 31 realtime calls failed: 12.9 % > 10 %.
    expect(rollback?.breach).toEqual({ metric: "error_rate", value: 4 / 31, threshold: 0.1, samples: 31 });
    expect((await db.prisma.auditLog.findFirstOrThrow()).reason).toContain("エラー率が12.9%(31件中)");
  });

  it("counts only the window since the last rollout change, realtime turns, and enough samples", async () => {
    await traffic({ calls: 30, latency: slow, minutesAgo: 20 }); // before the 15-minute window
    await traffic({ calls: 30, latency: slow, engine: "legacy" });
    await traffic({ calls: 6, latency: slow }); // 18 turns: too few to judge
    expect(await runGuardrail(db.prisma, logger, now)).toEqual([]);

    // An admin raises the share after fixing things: what came before no longer counts.
    await traffic({ calls: 30, latency: slow, minutesAgo: 3 });
    await db.prisma.rolloutConfig.update({
      where: { companyId: DEMO.companyId },
      data: { changedAt: new Date(now.getTime() - 2 * MINUTE) },
    });
    expect(await runGuardrail(db.prisma, logger, now)).toEqual([]);
  });

  it("rolls back once when several bridge processes see the same regression at the same moment", async () => {
    // Each process measured the same rollout and races to roll it back.
    const measured = await rollout();
    const breach = {
      metric: "p95_turn_latency_ms" as const,
      value: 2900,
      threshold: 1500,
      samples: 90,
      windowStart: measured.changedAt.toISOString(),
      windowEnd: now.toISOString(),
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => rollBackRollout(db.prisma, measured, breach, "遅延", now)),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await db.prisma.auditLog.count()).toBe(1);
    expect(await db.prisma.operatorAlert.count()).toBe(1);
  });

  const measuredBreach = (measured: { changedAt: Date }) => ({
    metric: "error_rate" as const,
    value: 0.5,
    threshold: 0.1,
    samples: 30,
    windowStart: measured.changedAt.toISOString(),
    windowEnd: now.toISOString(),
  });

  it("does not roll back over an admin who changed the rollout after it was measured", async () => {
    const measured = await rollout();
    await db.prisma.rolloutConfig.update({
      where: { companyId: DEMO.companyId },
      data: { realtimePercentage: 10, changedAt: new Date(now.getTime() - 1000) },
    });
    expect(await rollBackRollout(db.prisma, measured, measuredBreach(measured), "エラー", now)).toBeNull();
    expect((await rollout()).realtimePercentage).toBe(10);
    expect(await db.prisma.auditLog.count()).toBe(0);
  });

  it("does not roll back when an admin switched the guardrail off or changed its thresholds after it was measured", async () => {
    const where = { companyId: DEMO.companyId };
    const measured = await rollout();
    await db.prisma.rolloutConfig.update({ where, data: { guardrailEnabled: false } });
    expect(await rollBackRollout(db.prisma, measured, measuredBreach(measured), "エラー", now)).toBeNull();

    await db.prisma.rolloutConfig.update({
      where,
      data: { guardrailEnabled: true, guardrailMaxErrorRate: 0.6 },
    });
    expect(await rollBackRollout(db.prisma, measured, measuredBreach(measured), "エラー", now)).toBeNull();

    expect((await rollout()).realtimePercentage).toBe(50);
    expect(await db.prisma.auditLog.count()).toBe(0);
    expect(await db.prisma.operatorAlert.count()).toBe(0);
  });

  it("waits for an admin switching the guardrail off at that moment, then leaves the rollout alone", async (ctx) => {
    // PGlite runs one transaction at a time: there is no concurrent writer to wait for.
    if (db.kind !== "postgresql") ctx.skip();
    const where = { companyId: DEMO.companyId };
    const measured = await rollout();
    let rollback: ReturnType<typeof rollBackRollout> | undefined;
    await db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "RolloutConfig" WHERE "companyId" = ${DEMO.companyId}::uuid FOR UPDATE`;
        await tx.rolloutConfig.update({ where, data: { guardrailEnabled: false } });
        rollback = rollBackRollout(db.prisma, measured, measuredBreach(measured), "エラー", now);
        // Commit only once the rollback's update waits for this transaction's row lock (asked on
        // another connection: pg_stat_activity reads the same for a whole transaction).
        await vi.waitFor(async () => {
          const [row] = await db.prisma.$queryRaw<{ waiting: bigint }[]>`
          SELECT count(*) AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`;
          expect(row?.waiting).toBe(1n);
        }, 10_000);
      },
      { timeout: 20_000 },
    );
    expect(await rollback).toBeNull();
    expect(await rollout()).toMatchObject({ realtimePercentage: 50, guardrailEnabled: false });
    expect(await db.prisma.auditLog.count()).toBe(0);
    expect(await db.prisma.operatorAlert.count()).toBe(0);
  });

  it("does nothing when the admin has not switched it on or set no threshold", async () => {
    await traffic({ calls: 30, latency: slow, failed: 30 });
    const where = { companyId: DEMO.companyId };
    await db.prisma.rolloutConfig.update({ where, data: { guardrailEnabled: false } });
    expect(await runGuardrail(db.prisma, logger, now)).toEqual([]);
    await db.prisma.rolloutConfig.update({
      where,
      data: { guardrailEnabled: true, guardrailMaxErrorRate: null, guardrailMaxP95LatencyMs: null },
    });
    expect(await runGuardrail(db.prisma, logger, now)).toEqual([]);
    expect((await rollout()).realtimePercentage).toBe(50);
  });

  it("runs periodically in a bridge process until stopped", async () => {
    await traffic({ calls: 30, latency: slow });
    const monitor = startGuardrailMonitor(db.prisma, logger, 20);
    await vi.waitFor(async () => expect((await rollout()).realtimePercentage).toBe(0), { timeout: 10_000 });
    await monitor.stop();
    expect(await db.prisma.auditLog.count()).toBe(1);
  });
});
