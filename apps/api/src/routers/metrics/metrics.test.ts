import { type CallStatus, DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";

const inPeriod = (day: number) => new Date(Date.UTC(2026, 10, day, 3));
const period = { from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z" };

describe("metrics router", () => {
  let h: ApiHarness;
  let nightAgentId: string;
  beforeAll(async () => {
    h = await startApiHarness();
    const demo = await h.db.prisma.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } });
    const night = await h.db.prisma.agent.create({
      data: {
        companyId: DEMO.companyId,
        name: "夜間エージェント",
        conversationSettings: demo.conversationSettings ?? {},
        keywordTemplates: demo.keywordTemplates ?? [],
        realtimeSettings: demo.realtimeSettings ?? {},
      },
    });
    nightAgentId = night.id;
    const call = async (
      spec: {
        status: CallStatus;
        engine?: "realtime" | "legacy";
        agentId?: string;
        costUsd?: number;
        handoff?: boolean;
      },
      turns: number[] = [],
      extra: {
        rating?: number;
        reference?: string;
        heard?: string[];
        day?: number;
        companyId?: string;
        isTest?: boolean;
      } = {},
    ) => {
      const row = await insertTestCall(h.db.prisma, {
        status: spec.status,
        engine: spec.engine ?? "realtime",
        agentId: spec.agentId ?? DEMO.agentId,
        costUsd: spec.costUsd ?? 0,
        handoffAt: spec.handoff ? inPeriod(2) : null,
        startedAt: inPeriod(extra.day ?? 2),
        rating: extra.rating ?? null,
        referenceTranscript: extra.reference ?? null,
        isTest: extra.isTest ?? false,
        ...(extra.companyId ? { companyId: extra.companyId } : {}),
      });
      const companyId = extra.companyId ?? DEMO.companyId;
      await h.db.prisma.callEvent.createMany({
        data: [
          ...turns.map((latencyMs, turn) => ({
            callSessionId: row.id,
            companyId,
            type: "turn_latency" as const,
            payload: { turn, latencyMs },
          })),
          ...(extra.heard ?? []).map((text) => ({
            callSessionId: row.id,
            companyId,
            type: "transcript" as const,
            payload: { role: "caller", text, truncated: false },
          })),
        ],
      });
    };
    // Realtime, the demo agent.
    await call({ status: "completed", costUsd: 0.3 }, [300, 400], {
      rating: 5,
      reference: "予約したいです",
      heard: ["予約", "したいです"],
    });
    await call({ status: "completed", costUsd: 0.5 }, [500, 600], {
      rating: 3,
      reference: "明日の十時に予約したいです。",
      heard: ["明日の十字に予約したいです"],
    });
    await call({ status: "completed", costUsd: 0.4, handoff: true }, [1000]);
    await call({ status: "no_answer" });
    await call({ status: "interrupted", costUsd: 0.2 });
    await call({ status: "active" });
    // Legacy, the night agent.
    await call({ status: "completed", engine: "legacy", agentId: nightAgentId }, [200], { rating: 4 });
    await call({ status: "completed", engine: "legacy", agentId: nightAgentId }, [400]);
    // Test calls of evaluation runs, outside the period, or another company's: never counted.
    await call({ status: "completed", costUsd: 9, handoff: true }, [9000], {
      isTest: true,
      reference: "予約したいです",
      heard: ["全然違う"],
    });
    await call({ status: "completed", costUsd: 9 }, [9000], { day: 20 });
    await call({ status: "completed", costUsd: 9, agentId: h.other.agentId }, [9000], {
      companyId: h.other.companyId,
    });
  });
  afterAll(() => h.close());

  it("computes latency percentiles, completion, handoffs, cost, CER and ratings per engine, beside the targets", async () => {
    const { byEngine, targets } = await h.caller(h.users.operator).metrics.summary(period);
    expect(targets.latencyP95Ms).toEqual({ comparison: "<", value: 800 });
    const realtime = byEngine.find((e) => e.engine === "realtime");
    // Turns 300, 400, 500, 600, 1000: P95 interpolates 3.8 of the way: 600 + 0.8 × 400.
    expect(realtime).toMatchObject({
      calls: 4,
      turns: 5,
      latency: {
        // Five turns are too few to judge against the targets.
        avgMs: { value: 560, sampleSize: 5, enoughSamples: false, met: null },
        p50Ms: 500,
        p95Ms: { value: 920, met: null },
        p99Ms: 984,
        scope: "speech_end_to_first_audio",
        comparableToTargets: true,
        note: null,
      },
      completionRate: { value: 0.5, sampleSize: 4, met: null },
      handoffRate: { value: 0.25, met: null },
      avgCostUsd: { sampleSize: 4, met: null },
      referenceCalls: 2,
      ratingAverage: 4,
      ratings: 2,
    });
    expect(realtime?.avgCostUsd.value).toBeCloseTo(0.35, 10);
    // One wrong character (時 → 字) in 20 reference characters: CER 5 %, accuracy 95 %, not above it.
    expect(realtime?.cer).toBeCloseTo(0.05, 10);
    expect(realtime?.accuracy.value).toBeCloseTo(0.95, 10);
    expect(realtime?.accuracy).toMatchObject({ sampleSize: 2, met: null });

    expect(byEngine.find((e) => e.engine === "legacy")).toMatchObject({
      calls: 2,
      turns: 2,
      latency: {
        avgMs: { value: 300, met: null },
        p50Ms: 300,
        p95Ms: { value: 390, met: null },
        // Only the bridge's share of a legacy turn: the page must not read it against the targets.
        scope: "bridge_processing_only",
        comparableToTargets: false,
        note: expect.stringContaining("Twilioの音声認識・音声合成"),
      },
      // Two calls: 100 % completion, but not judged.
      completionRate: { value: 1, sampleSize: 2, enoughSamples: false, met: null },
      handoffRate: { value: 0, met: null },
      // Not measured for legacy calls, never $0.
      avgCostUsd: { value: null, sampleSize: 0, met: null },
      cer: null,
      accuracy: { value: null, met: null },
      ratingAverage: 4,
    });
  });

  it("gives the same figures per agent", async () => {
    const { byAgent } = await h.caller(h.users.admin).metrics.summary(period);
    expect(byAgent.map((a) => a.agent.name)).toEqual(["受付エージェント", "夜間エージェント"]);
    expect(byAgent[0]).toMatchObject({
      calls: 4,
      turns: 5,
      latency: { p95Ms: { value: 920 } },
      referenceCalls: 2,
    });
    expect(byAgent[1]).toMatchObject({
      agent: { id: nightAgentId },
      calls: 2,
      latency: { avgMs: { value: 300 }, scope: "bridge_processing_only", comparableToTargets: false },
    });
    expect(byAgent[0]?.latency).toMatchObject({
      scope: "speech_end_to_first_audio",
      comparableToTargets: true,
    });
  });

  it("refuses a reversed or over-long period", async () => {
    const operator = h.caller(h.users.operator);
    await expect(operator.metrics.summary({ from: period.to, to: period.from })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      operator.metrics.summary({ from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
