import { ANALYZE_CALL_TASK } from "@koe/shared";
import { type Runner, run, Logger as WorkerLogger } from "graphile-worker";
import type { Logger } from "../logger.ts";
import { ROLL_UP_OVERVIEW_TASK, rollUpOverview } from "../overview-rollup/roll-up.ts";
import { type AnalyzeCallDeps, analyzeCallTask } from "./analyze-call-task.ts";

/**
 * The overview's roll-up every 5 minutes (graphile-worker schedules each tick once, whichever
 * process takes it): in its own queue, so two runs never overlap; not retried (the next tick is).
 */
const CRONTAB = `*/5 * * * * ${ROLL_UP_OVERVIEW_TASK} ?max=1&queue=${ROLL_UP_OVERVIEW_TASK}&jobKey=${ROLL_UP_OVERVIEW_TASK}`;

export type AnalysisWorkerOptions = AnalyzeCallDeps & {
  connectionString: string;
  /** Jobs this process runs at once. */
  concurrency: number;
  /** How often to look for due jobs (retries, and every job on PGlite, which has no NOTIFY). */
  pollIntervalMs: number;
};

/**
 * Runs the post-call analysis jobs and the overview's roll-up in this process (graphile-worker). Any number of processes may
 * run one on the same database: each job is locked by one worker (`FOR UPDATE SKIP LOCKED`) and
 * deleted once it succeeds. Stop it before closing the database.
 */
export async function startAnalysisWorker(options: AnalysisWorkerOptions): Promise<Runner> {
  return run({
    connectionString: options.connectionString,
    // PGlite served over its socket shares one session between connections, so two connections'
    // named statements would collide (and a URL does not say whether it is PGlite); so would a
    // transaction-mode pooler's.
    noPreparedStatements: true,
    concurrency: options.concurrency,
    pollInterval: options.pollIntervalMs,
    noHandleSignals: true,
    logger: workerLogger(options.logger.child({ module: "analysis-worker" })),
    taskList: {
      [ANALYZE_CALL_TASK]: analyzeCallTask(options),
      [ROLL_UP_OVERVIEW_TASK]: async () => {
        const result = await rollUpOverview(options.prisma);
        if (result.hours > 0 || result.dirtyHours > 0) {
          options.logger.child({ module: "overview-rollup" }).debug(result, "rolled up the overview");
        }
      },
    },
    crontab: CRONTAB,
  });
}

/** graphile-worker's log lines through pino; its per-job info lines at debug. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === "error") logger.error(fields, message);
    else if (level === "warning") logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}
