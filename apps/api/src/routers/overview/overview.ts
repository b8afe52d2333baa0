import { CallOutcome, Prisma, type PrismaClient } from "@koe/db";
import { TRPCError } from "@trpc/server";
import { latencyScope } from "../metrics/latency-scope.ts";
import { check, METRIC_TARGETS, MIN_SAMPLE_SIZE } from "../metrics/targets.ts";
import type { OverviewInput } from "./overview.types.ts";
import {
  type CallCounts,
  callFigures,
  type GroupKey,
  type OverviewScope,
  transcriptionAccuracy,
} from "./overview-queries.ts";

/** The volume chart's series: each outcome, and calls the post-call analysis has not reached. */
export const VOLUME_SERIES = [...Object.values(CallOutcome), "unanalyzed"] as const;
export type VolumeSeries = (typeof VOLUME_SERIES)[number];

/**
 * The overview page: the period's calls by outcome, turn latency, rates, accuracy and cost, over
 * time in the company's time zone and per agent, version and engine, each with its sample size.
 */
export async function overview(prisma: PrismaClient, companyId: string, input: OverviewInput) {
  const company = await prisma.company.findUnique({ where: { id: companyId }, select: { timeZone: true } });
  if (!company) throw new TRPCError({ code: "NOT_FOUND", message: "No such company." });
  const scope: OverviewScope = {
    ...input,
    companyId,
    from: new Date(input.from),
    to: new Date(input.to),
    timeZone: company.timeZone,
  };
  const [buckets, { volume, latency }, accuracy, agents] = await Promise.all([
    bucketsOf(prisma, scope),
    callFigures(prisma, scope),
    transcriptionAccuracy(prisma, scope),
    prisma.agent.findMany({
      where: { companyId },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        versions: { orderBy: { version: "desc" }, select: { id: true, version: true } },
      },
    }),
  ]);

  const volumeByBucket = new Map(buckets.map((bucket) => [bucket, emptyBucket()]));
  for (const row of volume.byBucket) {
    const bucket = volumeByBucket.get(row.bucket ?? "");
    if (!bucket) continue;
    bucket.byOutcome[row.outcome ?? "unanalyzed"] += row.calls;
    addCounts(bucket.counts, row);
  }
  const totals = emptyCounts();
  for (const { counts } of volumeByBucket.values()) addCounts(totals, counts);
  const latencyByBucket = new Map(latency.byBucket.map((row) => [row.bucket, row]));
  const overallScope = latencyScope(latency.overall.turns, latency.overall.legacyTurns);

  const versionNumbers = new Map(agents.flatMap((a) => a.versions.map((v) => [v.id, v.version] as const)));
  const agentNames = new Map(agents.map((a) => [a.id, a.name]));
  const groupKey = (g: GroupKey) => `${g.agentId}|${g.agentVersionId}|${g.engine}`;
  const latencyByGroup = new Map(latency.byGroup.map((row) => [groupKey(row), row]));

  return {
    timeZone: scope.timeZone,
    bucket: scope.bucket,
    period: { from: scope.from.toISOString(), to: scope.to.toISOString() },
    targets: METRIC_TARGETS,
    minSampleSize: MIN_SAMPLE_SIZE,
    /** What the rates count, for the page to say. */
    definitions: { completion: "ended_without_handoff", handoff: "handed_to_operator" } as const,
    volume: [...volumeByBucket].map(([bucket, { byOutcome, counts }]) => ({
      bucket,
      calls: counts.calls,
      byOutcome,
      costUsd: counts.costUsd,
      costedCalls: counts.costed,
      costPerCallUsd: counts.costed > 0 ? counts.costedUsd / counts.costed : null,
    })),
    latency: buckets.map((bucket) => {
      const row = latencyByBucket.get(bucket);
      return { bucket, turns: row?.turns ?? 0, p50Ms: row?.p50Ms ?? null, p95Ms: row?.p95Ms ?? null };
    }),
    totals: {
      calls: totals.calls,
      ...rates(totals),
      latency: {
        turns: latency.overall.turns,
        p50Ms: latency.overall.p50Ms,
        avgMs: check(
          "latencyAvgMs",
          latency.overall.avgMs,
          latency.overall.turns,
          overallScope.comparableToTargets,
        ),
        p95Ms: check(
          "latencyP95Ms",
          latency.overall.p95Ms,
          latency.overall.turns,
          overallScope.comparableToTargets,
        ),
        ...overallScope,
      },
      cer: accuracy.cer,
      accuracy: check("accuracy", accuracy.cer === null ? null : 1 - accuracy.cer, accuracy.referenceCalls),
      totalCostUsd: totals.costUsd,
    },
    groups: volume.byGroup
      .map((row) => {
        const turns = latencyByGroup.get(groupKey(row));
        const scoped = latencyScope(turns?.turns ?? 0, turns?.legacyTurns ?? 0);
        return {
          agent: row.agentId ? { id: row.agentId, name: agentNames.get(row.agentId) ?? "" } : null,
          version: row.agentVersionId ? (versionNumbers.get(row.agentVersionId) ?? null) : null,
          engine: row.engine,
          calls: row.calls,
          ...rates(row),
          latencyP95Ms: check(
            "latencyP95Ms",
            turns?.p95Ms ?? null,
            turns?.turns ?? 0,
            scoped.comparableToTargets,
          ),
        };
      })
      .sort((a, b) => b.calls - a.calls),
    agents: agents.map((a) => ({ id: a.id, name: a.name, versions: a.versions })),
  };
}

function rates(counts: CallCounts) {
  const rate = (n: number) => (counts.connected > 0 ? n / counts.connected : null);
  return {
    connected: counts.connected,
    completionRate: check("completionRate", rate(counts.completed), counts.connected),
    handoffRate: check("handoffRate", rate(counts.handedOff), counts.connected),
    avgCostUsd: check(
      "avgCostUsd",
      counts.costed > 0 ? counts.costedUsd / counts.costed : null,
      counts.costed,
    ),
  };
}

function emptyCounts(): CallCounts {
  return { calls: 0, connected: 0, completed: 0, handedOff: 0, costed: 0, costedUsd: 0, costUsd: 0 };
}

function addCounts(into: CallCounts, row: CallCounts): void {
  into.calls += row.calls;
  into.connected += row.connected;
  into.completed += row.completed;
  into.handedOff += row.handedOff;
  into.costed += row.costed;
  into.costedUsd += row.costedUsd;
  into.costUsd += row.costUsd;
}

function emptyBucket() {
  return {
    byOutcome: Object.fromEntries(VOLUME_SERIES.map((s) => [s, 0])) as Record<VolumeSeries, number>,
    counts: emptyCounts(),
  };
}

/** Every bucket of the period, empty ones too, as the company's wall-clock start times. */
async function bucketsOf(prisma: PrismaClient, scope: OverviewScope): Promise<string[]> {
  const step = scope.bucket === "hour" ? "1 hour" : "1 day";
  const rows = await prisma.$queryRaw<{ bucket: string }[]>`
    SELECT to_char(g, 'YYYY-MM-DD"T"HH24:MI') AS bucket
    FROM generate_series(
      date_trunc(${scope.bucket}, ${scope.from}::timestamptz AT TIME ZONE ${scope.timeZone}),
      (${scope.to}::timestamptz AT TIME ZONE ${scope.timeZone}) - interval '1 millisecond',
      ${Prisma.raw(`interval '${step}'`)}) AS g`;
  return rows.map((r) => r.bucket);
}
