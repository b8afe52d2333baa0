import { DEMO } from "@koe/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { EvalRunner } from "../../evals/eval-runner.ts";
import {
  type ApiHarness,
  insertTestRun,
  startApiHarness,
  testRunSummary,
} from "../../testing/api-harness.ts";

describe("evals: runs, compare and the rollout gate", () => {
  let h: ApiHarness;
  let versionId: string;
  const runner: EvalRunner = { play: vi.fn(), close: vi.fn() };
  beforeAll(async () => {
    h = await startApiHarness();
    versionId =
      (await h.db.prisma.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } })).currentVersionId ?? "";
  });
  afterAll(() => h.close());

  it("starts a run and plays it; a second run of the agent while it plays is refused in Japanese", async () => {
    const admin = h.caller(h.users.admin, { evalRunner: runner });
    const { runId } = await admin.evals.startRun({
      agentId: DEMO.agentId,
      scenarios: ["新規予約", "怒っているお客様"],
      calls: 4,
      concurrency: 2,
    });
    expect(runner.play).toHaveBeenCalledWith(runId);
    const run = await admin.evals.run({ runId });
    expect(run).toMatchObject({
      status: "running",
      version: 1,
      model: "gpt-realtime-2.1",
      callsPlanned: 4,
      concurrency: 2,
      callsDone: 0,
      scenarioNames: ["新規予約", "怒っているお客様"],
      calls: [],
    });
    await expect(admin.evals.startRun({ agentId: DEMO.agentId, calls: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "このエージェントの評価実行がすでに進行中です (0/4 通話)。終わってから開始してください。",
    });
    await h.db.prisma.evalRun.update({ where: { id: runId }, data: { status: "interrupted" } });
  });

  it("says why a server that cannot reach a bridge does not start runs", async () => {
    await expect(
      h.caller(h.users.admin, { evalRunner: null }).evals.startRun({ agentId: DEMO.agentId }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("PUBLIC_BASE_URL"),
    });
  });

  it("compares two runs: each figure with its difference, each expectation's pass rate", async () => {
    const base = { companyId: DEMO.companyId, agentId: DEMO.agentId, agentVersionId: versionId };
    const a = await insertTestRun(h.db, { ...base, summary: testRunSummary({}) });
    const b = await insertTestRun(h.db, {
      ...base,
      summary: testRunSummary({
        passed: 10,
        failed: 0,
        turnLatencyMs: { p50: 350, p95: 600, p99: 800, avg: 400 },
        costUsd: { total: 3, perCall: 0.3 },
        expectations: [
          { scenario: "新規予約", index: 0, label: "予約が作成される", passed: 10, total: 10 },
          { scenario: "関係のない問い合わせ", index: 0, label: "担当者へ引き継がない", passed: 5, total: 5 },
        ],
      }),
    });
    const compared = await h.caller(h.users.operator).evals.compare({ a: a.id, b: b.id });
    expect(compared.metrics).toContainEqual({
      key: "passRate",
      a: 0.9,
      b: 1,
      difference: expect.closeTo(0.1),
      lowerIsBetter: false,
    });
    expect(compared.metrics).toContainEqual({
      key: "latencyP95Ms",
      a: 700,
      b: 600,
      difference: -100,
      lowerIsBetter: true,
    });
    expect(compared.metrics).toContainEqual({
      key: "costPerCallUsd",
      a: 0.2,
      b: 0.3,
      difference: expect.closeTo(0.1),
      lowerIsBetter: true,
    });
    expect(compared.expectations).toEqual([
      {
        scenario: "新規予約",
        label: "予約が作成される",
        a: { passed: 9, total: 10, rate: 0.9 },
        b: { passed: 10, total: 10, rate: 1 },
      },
      {
        scenario: "関係のない問い合わせ",
        label: "担当者へ引き継がない",
        a: null,
        b: { passed: 5, total: 5, rate: 1 },
      },
    ]);
  });

  it("gates the rollout on the current version's latest run against the targets", async () => {
    await insertTestRun(h.db, {
      companyId: DEMO.companyId,
      agentId: DEMO.agentId,
      agentVersionId: versionId,
      summary: testRunSummary({ turnLatencyMs: { p50: 500, p95: 900, p99: 1000, avg: 550 } }),
    });
    const [gate] = await h.caller(h.users.admin).evals.rolloutGate();
    expect(gate).toMatchObject({
      agent: { id: DEMO.agentId },
      version: 1,
      run: { calls: 10, passed: 9 },
      passed: false,
      checks: {
        latencyAvgMs: { value: 550, met: false },
        latencyP95Ms: { value: 900, met: false },
        accuracy: { value: 0.97, met: true },
        avgCostUsd: { value: 0.2, met: true },
      },
    });
  });
});
