import { hostname } from "node:os";
import { type Prisma, type PrismaClient, processExists } from "@koe/db";
import { summarizeRun } from "./summarize-run.ts";

/** How often the process playing a run renews its heartbeat. */
export const RUN_HEARTBEAT_MS = 5_000;
/** A running run whose heartbeat is older than this lost its player (on another machine). */
export const RUN_STALE_MS = 30_000;

/** This process, as a run's `runner`. */
export const THIS_RUNNER = `${hostname()}:${process.pid}`;

/** The runner is a process of this machine that no longer exists. */
function runnerGone(runner: string | null): boolean {
  if (!runner) return false;
  const [host, pid] = runner.split(":");
  return host === hostname() && !processExists(Number(pid));
}

/**
 * Marks running runs that lost their player as interrupted: its process on this machine is gone
 * (a restart), or its heartbeat stopped (another machine). The calls they finished stay, and the
 * run's figures are summed up over them. Returns the runs marked.
 */
export async function markInterruptedRuns(prisma: PrismaClient, now = new Date()): Promise<string[]> {
  const running = await prisma.evalRun.findMany({
    where: { status: "running" },
    select: { id: true, runner: true, heartbeatAt: true, startedAt: true },
  });
  const lost = running.filter(
    (run) => runnerGone(run.runner) || run.heartbeatAt.getTime() < now.getTime() - RUN_STALE_MS,
  );
  for (const run of lost) {
    const calls = await prisma.evalCall.findMany({
      where: { runId: run.id },
      select: { scenarioName: true, passed: true, results: true, metrics: true },
    });
    await prisma.evalRun.updateMany({
      where: { id: run.id, status: "running" },
      data: {
        status: "interrupted",
        finishedAt: now,
        summary: summarizeRun(calls, null) as unknown as Prisma.InputJsonValue,
      },
    });
  }
  return lost.map((run) => run.id);
}
