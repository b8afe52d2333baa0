import { DEMO, seed } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import type { EvalRunSummary } from "@koe/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalStack, startEvalStack } from "../stack/eval-stack.ts";
import { insertWrongDateScenario } from "../testing/wrong-date-scenario.ts";
import { markInterruptedRuns } from "./interrupted-runs.ts";
import { type EvalProgress, playEvalRun } from "./play-run.ts";
import { EvalRefusal, startEvalRun } from "./start-run.ts";

describe("an evaluation run against the simulator, over the production path", () => {
  let db: TestDatabase;
  let stack: EvalStack;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma, { adminPassword: "eval-test" });
    await insertWrongDateScenario(db.prisma);
    // Verdicts on timing depend on the machine's load: this test judges the rest.
    for (const scenario of await db.prisma.testScenario.findMany()) {
      const expectations = (scenario.expectations as { kind: string }[]).filter(
        (e) => e.kind !== "turn_latency_p95",
      );
      await db.prisma.testScenario.update({ where: { id: scenario.id }, data: { expectations } });
    }
    stack = await startEvalStack({ databaseUrl: db.url, responseLatencyMs: 0 });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.close();
  });

  it("plays 10 test calls, each judged with reasons; the expectation that cannot hold fails and says why", async () => {
    const run = await startEvalRun(db.prisma, DEMO.companyId, {
      agentId: DEMO.agentId,
      scenarios: [
        "新規予約",
        "怒っているお客様",
        "関係のない問い合わせ",
        "日付違いの予約",
        "お客様情報の確認",
      ],
      calls: 10,
      concurrency: 5,
    });
    // A second run of the same agent while this one plays is refused.
    await expect(
      startEvalRun(db.prisma, DEMO.companyId, { agentId: DEMO.agentId, calls: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("すでに進行中です") });

    const progress: EvalProgress[] = [];
    // The run never holds more lines than its concurrency: sampled from the calls' rows as it plays.
    let mostLive = 0;
    const sampler = setInterval(() => {
      void db.prisma.callSession
        .count({ where: { isTest: true, status: { in: ["initiated", "ringing", "active"] } } })
        .then((live) => {
          mostLive = Math.max(mostLive, live);
        });
    }, 50);
    const outcome = await playEvalRun(
      { prisma: db.prisma, ...stack.deps, onProgress: (p) => progress.push(p) },
      run.id,
    ).finally(() => clearInterval(sampler));
    expect(outcome.passed).toBe(false);
    const failed = await db.prisma.evalCall.findMany({ where: { runId: run.id, passed: false } });
    expect(failed.map((call) => [call.scenarioName, call.error, call.results])).toEqual([
      ["日付違いの予約", null, expect.anything()],
      ["日付違いの予約", null, expect.anything()],
    ]);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress.at(-1)).toMatchObject({ planned: 10, passed: 8, failed: 2 });
    expect(mostLive).toBeGreaterThan(1);
    expect(mostLive).toBeLessThanOrEqual(5);

    const stored = await db.prisma.evalRun.findUniqueOrThrow({
      where: { id: run.id },
      include: { calls: { orderBy: { index: "asc" }, include: { callSession: true } } },
    });
    expect(stored).toMatchObject({ status: "completed", callsDone: 10, callsPassed: 8 });
    // Every call a test call of the run's version, through the bridge's admission.
    for (const call of stored.calls) {
      expect(call.callSession).toMatchObject({
        isTest: true,
        agentVersionId: stored.agentVersionId,
        engine: "realtime",
        engineReason: "evaluation_run",
        status: "completed",
      });
    }
    const wrong = stored.calls.filter((call) => call.scenarioName === "日付違いの予約");
    expect(wrong).toHaveLength(2);
    for (const call of wrong) {
      expect(call.passed).toBe(false);
      expect(call.results).toEqual([
        {
          index: 0,
          label: "schedule_appointment が呼ばれる (date=2027-03-18)",
          passed: false,
          reason:
            "schedule_appointment は呼ばれましたが引数が違います: date=2027-03-11, name=中村, time=11:00 (期待: date=2027-03-18)",
        },
        { index: 1, label: "予約が作成される", passed: true, reason: "予約が1件作成されました" },
        {
          index: 2,
          label: "担当者へ引き継がない",
          passed: true,
          reason: "担当者への引き継ぎはありませんでした",
        },
      ]);
    }
    const angry = stored.calls.find((call) => call.scenarioName === "怒っているお客様");
    expect(angry?.results).toContainEqual(
      expect.objectContaining({ label: "担当者への引き継ぎを依頼する", passed: true }),
    );
    const booking = stored.calls.find((call) => call.scenarioName === "新規予約");
    expect(booking?.metrics).toMatchObject({
      callerCer: 0,
      toolCalls: [expect.objectContaining({ name: "schedule_appointment", ok: true })],
      appointments: 1,
    });
    // Test calls' bookings are taken back out of the calendar.
    expect(await db.prisma.appointment.count({ where: { status: "booked" } })).toBe(0);

    const summary = stored.summary as EvalRunSummary;
    expect(summary).toMatchObject({
      calls: 10,
      passed: 8,
      failed: 2,
      callerCer: 0,
      transcriptionAccuracy: 1,
    });
    expect(summary.turnLatencyMs.p95).toBeGreaterThan(0);
    expect(summary.timeToFirstAudioMs.avg).toBeGreaterThan(0);
    expect(summary.costUsd.total).toBeGreaterThan(0);
    expect(summary.expectations).toContainEqual({
      scenario: "日付違いの予約",
      index: 0,
      label: "schedule_appointment が呼ばれる (date=2027-03-18)",
      passed: 0,
      total: 2,
    });
  }, 240_000);

  it("marks a run cut short as interrupted, keeping the calls it finished", async () => {
    const run = await startEvalRun(db.prisma, DEMO.companyId, {
      agentId: DEMO.agentId,
      scenarios: ["関係のない問い合わせ"],
      calls: 5,
      concurrency: 1,
    });
    const stop = new AbortController();
    await playEvalRun(
      { prisma: db.prisma, ...stack.deps, signal: stop.signal, onProgress: () => stop.abort() },
      run.id,
    );
    // The process that played it is gone: its runner names a process that no longer exists.
    await db.prisma.evalRun.update({ where: { id: run.id }, data: { runner: "gone:999999" } });
    await db.prisma.evalRun.update({
      where: { id: run.id },
      data: { heartbeatAt: new Date(Date.now() - 60_000) },
    });
    expect(await markInterruptedRuns(db.prisma)).toEqual([run.id]);
    const stored = await db.prisma.evalRun.findUniqueOrThrow({
      where: { id: run.id },
      include: { calls: true },
    });
    expect(stored.status).toBe("interrupted");
    expect(stored.calls).toHaveLength(1);
    expect(stored.summary).toMatchObject({ calls: 1, passed: 1 });
    // The agent is free again.
    const next = await startEvalRun(db.prisma, DEMO.companyId, { agentId: DEMO.agentId, calls: 1 });
    expect(next.id).not.toBe(run.id);
    await db.prisma.evalRun.update({ where: { id: next.id }, data: { status: "interrupted" } });
  }, 120_000);

  it("refuses unknown scenarios and versions in Japanese", async () => {
    await expect(
      startEvalRun(db.prisma, DEMO.companyId, { agentId: DEMO.agentId, scenarios: ["存在しない"] }),
    ).rejects.toThrow(new EvalRefusal("NOT_FOUND", "テストシナリオ「存在しない」はありません。"));
    await expect(
      startEvalRun(db.prisma, DEMO.companyId, { agentId: DEMO.agentId, version: 99 }),
    ).rejects.toThrow("バージョン 99 はありません。");
  });
});
