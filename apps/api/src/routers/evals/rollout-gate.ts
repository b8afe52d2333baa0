import type { PrismaClient } from "@koe/db";
import { evalRunSummarySchema } from "@koe/shared";
import { METRIC_TARGETS } from "../metrics/targets.ts";

/** A target the rollout gate checks, with the run's value and whether it meets it. */
function gateCheck(value: number | null, target: { comparison: string; value: number }) {
  const met =
    value === null
      ? null
      : target.comparison === "<"
        ? value < target.value
        : target.comparison === ">"
          ? value > target.value
          : target.comparison === "<="
            ? value <= target.value
            : value >= target.value;
  return { value, target, met };
}

/**
 * For each agent of the company: its current version and the latest finished run of that version,
 * against the targets (average and P95 latency, accuracy, cost per call). The rollout page shows it
 * before the percentage is raised.
 */
export async function rolloutGate(prisma: PrismaClient, companyId: string) {
  const agents = await prisma.agent.findMany({
    where: { companyId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, currentVersion: { select: { id: true, version: true } } },
  });
  return Promise.all(
    agents.map(async (agent) => {
      const run = agent.currentVersion
        ? await prisma.evalRun.findFirst({
            where: { agentVersionId: agent.currentVersion.id, status: { in: ["completed", "interrupted"] } },
            orderBy: { startedAt: "desc" },
            select: { id: true, status: true, summary: true, finishedAt: true },
          })
        : null;
      const summary = run?.summary ? evalRunSummarySchema.parse(run.summary) : null;
      const checks = summary
        ? {
            latencyAvgMs: gateCheck(summary.turnLatencyMs.avg, METRIC_TARGETS.latencyAvgMs),
            latencyP95Ms: gateCheck(summary.turnLatencyMs.p95, METRIC_TARGETS.latencyP95Ms),
            accuracy: gateCheck(summary.transcriptionAccuracy, METRIC_TARGETS.accuracy),
            avgCostUsd: gateCheck(summary.costUsd.perCall, METRIC_TARGETS.avgCostUsd),
          }
        : null;
      return {
        agent: { id: agent.id, name: agent.name },
        version: agent.currentVersion?.version ?? null,
        run:
          run && summary
            ? {
                id: run.id,
                status: run.status,
                finishedAt: run.finishedAt,
                calls: summary.calls,
                passed: summary.passed,
              }
            : null,
        checks,
        passed: checks ? Object.values(checks).every((c) => c.met === true) : false,
      };
    }),
  );
}
