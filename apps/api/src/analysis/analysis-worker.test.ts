import { DEMO, type Prisma } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { analysisCostUsd, CALL_ANALYSIS_FORMAT_NAME, TOOL_NAMES } from "@koe/shared";
import type { Runner } from "graphile-worker";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type ApiHarness, startApiHarness } from "../testing/api-harness.ts";
import { startAnalysisWorker } from "./analysis-worker.ts";

let h: ApiHarness;
const runners: Runner[] = [];

beforeAll(async () => {
  h = await startApiHarness();
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  h.openai.failWith = null;
  h.openai.requests.length = 0;
});
afterAll(() => h.close());

function startWorker(concurrency = 2) {
  return startAnalysisWorker({
    prisma: h.db.prisma,
    openai: h.services.openai,
    logger: pino({ level: "silent" }),
    settleMs: 0,
    connectionString: h.db.url,
    concurrency,
    pollIntervalMs: 100,
  }).then((runner) => {
    runners.push(runner);
    return runner;
  });
}

type Line = { role: "caller" | "agent"; text: string };

/**
 * A call with its events as the bridge journals them, then ended as the bridge ends it (the row
 * update that fires the trigger queueing its analysis).
 */
async function endedCall(
  engine: "realtime" | "legacy",
  lines: Line[],
  extra: { type: "tool_call" | "tool_result" | "handoff"; payload: Prisma.InputJsonValue }[] = [],
) {
  const call = await insertTestCall(h.db.prisma, {
    engine,
    status: "active",
    costUsd: engine === "realtime" ? 0.12 : 0,
  });
  const events = [
    ...lines.map((line, turn) => ({
      type: "transcript" as const,
      payload: { ...line, itemId: engine === "legacy" ? String(turn) : `item_${turn}`, truncated: false },
    })),
    ...extra,
  ];
  await h.db.prisma.callEvent.createMany({
    data: events.map((e) => ({ callSessionId: call.id, companyId: DEMO.companyId, ...e })),
  });
  await h.db.prisma.callSession.update({
    where: { id: call.id },
    data: { status: "completed", endReason: "caller_hung_up", endedAt: new Date(), durationSeconds: 42 },
  });
  return call;
}

function analysisOf(callSessionId: string, status: "completed" | "failed") {
  return vi.waitFor(
    async () => {
      const row = await h.db.prisma.callAnalysis.findUniqueOrThrow({ where: { callSessionId } });
      if (row.status !== status) throw new Error(`analysis is ${row.status} (attempts ${row.attempts})`);
      return row;
    },
    { timeout: 60_000, interval: 100 },
  );
}

const responsesRequests = () => h.openai.requests.filter((r) => r.path === "/v1/responses");

describe("post-call analysis", () => {
  it("queues a job when a call ends, in the same transaction as the end", async () => {
    const call = await insertTestCall(h.db.prisma, { status: "active" });
    const jobs = () =>
      h.db.prisma.$queryRaw<
        { key: string }[]
      >`SELECT key FROM graphile_worker.jobs WHERE key = ${`analyze_call:${call.id}`}`;
    expect(await jobs()).toHaveLength(0);
    await h.db.prisma.callSession.update({ where: { id: call.id }, data: { endedAt: new Date() } });
    expect(await jobs()).toHaveLength(1);
    const row = await h.db.prisma.callAnalysis.findUniqueOrThrow({ where: { callSessionId: call.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 0, companyId: DEMO.companyId });
    await startWorker();
    await analysisOf(call.id, "completed");
    // graphile-worker removes the job once the task has returned, just after the row says completed.
    await expect.poll(async () => (await jobs()).length, { timeout: 10_000 }).toBe(0);
  });

  it("analyses a realtime call through the Responses API with structured output, adding its cost", async () => {
    const call = await endedCall(
      "realtime",
      [
        { role: "agent", text: "お電話ありがとうございます。デモ株式会社です。" },
        { role: "caller", text: "来週の水曜日に予約をお願いしたいです。" },
        { role: "agent", text: "12月2日の15時でご予約を承りました。" },
        { role: "caller", text: "ありがとうございます、助かりました。" },
      ],
      [
        {
          type: "tool_call",
          payload: {
            callId: "c1",
            name: TOOL_NAMES.schedule,
            arguments: { date: "2026-12-02", time: "15:00" },
          },
        },
        {
          type: "tool_result",
          payload: { callId: "c1", name: TOOL_NAMES.schedule, ok: true, output: {}, durationMs: 20 },
        },
      ],
    );
    await startWorker();
    const analysis = await analysisOf(call.id, "completed");
    expect(analysis).toMatchObject({
      sentiment: "positive",
      followUpNeeded: false,
      followUpItems: [],
      model: "gpt-5-mini",
      attempts: 1,
      lastError: null,
    });
    expect(analysis.summary).toContain("来週の水曜日に予約をお願いしたいです");
    expect(analysis.inputTokens).toBeGreaterThan(0);
    const cost = analysisCostUsd("gpt-5-mini", {
      inputTokens: analysis.inputTokens,
      cachedInputTokens: analysis.cachedInputTokens,
      outputTokens: analysis.outputTokens,
    });
    expect(analysis.costUsd.toNumber()).toBeCloseTo(cost, 6);
    const row = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } });
    expect(row.outcome).toBe("booked");
    expect(row.costUsd.toNumber()).toBeCloseTo(0.12 + cost, 6);

    const [request] = responsesRequests();
    const body = request?.body as { model: string; input: string; text: { format: Record<string, unknown> } };
    expect(body.model).toBe("gpt-5-mini");
    expect(body.input).toContain("発信者: 来週の水曜日に予約をお願いしたいです。");
    expect(body.input).toContain(`[ツール] ${TOOL_NAMES.schedule}`);
    expect(body.text.format).toMatchObject({
      type: "json_schema",
      name: CALL_ANALYSIS_FORMAT_NAME,
      strict: true,
    });
  });

  it("analyses a legacy call with the company's chosen model", async () => {
    await h.caller(h.users.admin).rollout.setAnalysisModel({ analysisModel: "gpt-5-nano" });
    try {
      const call = await endedCall("legacy", [
        { role: "agent", text: "お電話ありがとうございます。" },
        { role: "caller", text: "明日の予約をキャンセルしたいのですが。" },
        { role: "agent", text: "承知しました。" },
      ]);
      await startWorker();
      const analysis = await analysisOf(call.id, "completed");
      expect(analysis.model).toBe("gpt-5-nano");
      const row = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } });
      expect(row).toMatchObject({ outcome: "cancelled", engine: "legacy" });
      expect(row.costUsd.toNumber()).toBeCloseTo(analysis.costUsd.toNumber(), 6);
    } finally {
      await h.caller(h.users.admin).rollout.setAnalysisModel({ analysisModel: "gpt-5-mini" });
    }
  });

  it("records a handoff with its follow-up, and a call in which nobody spoke without asking the model", async () => {
    const handedOff = await endedCall(
      "realtime",
      [{ role: "caller", text: "請求の件で困っています。担当の方に代わってください。" }],
      [{ type: "handoff", payload: { reason: "請求の相談", by: "ai", target: null, ok: true } }],
    );
    const silent = await endedCall("realtime", [{ role: "agent", text: "お電話ありがとうございます。" }]);
    await startWorker();
    const analysis = await analysisOf(handedOff.id, "completed");
    expect(analysis).toMatchObject({ sentiment: "negative", followUpNeeded: true });
    expect(analysis.followUpItems).toHaveLength(1);
    expect(await analysisOf(silent.id, "completed")).toMatchObject({ model: null, inputTokens: 0 });
    const outcomes = await h.db.prisma.callSession.findMany({
      where: { id: { in: [handedOff.id, silent.id] } },
      select: { id: true, outcome: true, costUsd: true },
    });
    expect(Object.fromEntries(outcomes.map((o) => [o.id, o.outcome]))).toEqual({
      [handedOff.id]: "handed_off",
      [silent.id]: "caller_dropped",
    });
    expect(outcomes.find((o) => o.id === silent.id)?.costUsd.toNumber()).toBe(0.12);
    expect(responsesRequests()).toHaveLength(1);
  });

  it("retries a failed analysis with backoff until it succeeds", async () => {
    h.openai.failWith = { status: 500, message: "The server had an error", remaining: 2 };
    const call = await endedCall("realtime", [{ role: "caller", text: "営業時間を教えてください。" }]);
    await startWorker();
    const analysis = await analysisOf(call.id, "completed");
    expect(analysis).toMatchObject({ attempts: 3, lastError: null });
    expect(responsesRequests()).toHaveLength(3);
    const row = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } });
    expect(row.outcome).toBe("info_provided");
  });

  it("shows an analysis that failed three times with why, and a person's retry queues it again", async () => {
    h.openai.failWith = { status: 500, message: "The server had an error", remaining: 3 };
    const call = await endedCall("realtime", [{ role: "caller", text: "予約の時間を変更したいです。" }]);
    await startWorker();
    await analysisOf(call.id, "failed");
    const detail = await h.caller(h.users.operator).calls.byId({ callId: call.id });
    expect(detail.analysis).toMatchObject({ status: "failed", attempts: 3, maxAttempts: 3, summary: null });
    expect(detail.analysis?.lastError).toContain("The server had an error");
    expect(detail.call.outcome).toBeNull();
    expect(responsesRequests()).toHaveLength(3);

    await expect(h.caller(h.users.operator).calls.retryAnalysis({ callId: call.id })).resolves.toEqual({
      callId: call.id,
      status: "pending",
    });
    const retried = await analysisOf(call.id, "completed");
    expect(retried).toMatchObject({ attempts: 1, lastError: null });
    expect((await h.caller(h.users.admin).calls.byId({ callId: call.id })).call.outcome).toBe("rescheduled");
    await expect(h.caller(h.users.admin).calls.retryAnalysis({ callId: call.id })).rejects.toThrow(
      "The analysis is completed, not failed.",
    );
  });

  it("processes each job exactly once with two workers on the same database", async () => {
    const calls = [];
    for (let i = 0; i < 24; i++) {
      calls.push(await endedCall("realtime", [{ role: "caller", text: `${i}番の予約をお願いします。` }]));
    }
    await Promise.all([startWorker(4), startWorker(4)]);
    for (const call of calls) await analysisOf(call.id, "completed");
    const requests = responsesRequests().map((r) => (r.body as { input: string }).input);
    expect(requests).toHaveLength(calls.length);
    expect(new Set(requests).size).toBe(calls.length);
    const rows = await h.db.prisma.callAnalysis.findMany({
      where: { callSessionId: { in: calls.map((c) => c.id) } },
      select: { attempts: true, costUsd: true, callSession: { select: { costUsd: true } } },
    });
    for (const row of rows) {
      expect(row.attempts).toBe(1);
      expect(row.callSession.costUsd.toNumber()).toBeCloseTo(0.12 + row.costUsd.toNumber(), 6);
    }
    // A job is deleted once its handler returns: the last ones may be a moment behind their rows.
    // (graphile-worker keeps a permanently failed job, the earlier test's, for inspection.)
    await vi.waitFor(
      async () => {
        const [left] = await h.db.prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE attempts < max_attempts`;
        expect(left?.n).toBe(0);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
