import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "@koe/db";
import { markInterruptedRuns } from "@koe/evals";
import { startAnalysisWorker } from "./analysis/analysis-worker.ts";
import { readApiEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { createApiServer } from "./server.ts";
import { createServices } from "./services.ts";

/** A realtime call's last transcription lands up to the bridge's hang-up grace (3 s) after its end. */
const ANALYSIS_SETTLE_MS = 5_000;

const env = readApiEnv();
const logger = createLogger(env.LOG_LEVEL);
const webDist = env.NODE_ENV === "production" ? env.WEB_DIST_DIR : null;
if (webDist && !existsSync(join(webDist, "index.html"))) {
  throw new Error(`The built SPA is missing: ${webDist}/index.html (run pnpm build, or set WEB_DIST_DIR)`);
}
const db = await openDatabase();
// Runs this machine's previous api process was playing when it stopped are cut short.
const interrupted = await markInterruptedRuns(db.prisma);
if (interrupted.length > 0)
  logger.warn({ runs: interrupted }, "marked evaluation runs cut short as interrupted");
const { services, auth } = createServices(env, db, logger);
await services.tail.start();
const analysisWorker =
  env.ANALYSIS_WORKER_CONCURRENCY > 0
    ? await startAnalysisWorker({
        prisma: db.prisma,
        openai: services.openai,
        logger,
        settleMs: ANALYSIS_SETTLE_MS,
        connectionString: db.url,
        concurrency: env.ANALYSIS_WORKER_CONCURRENCY,
        pollIntervalMs: db.embedded ? 1_000 : 2_000,
      })
    : null;
const server = createApiServer({
  services,
  auth,
  corsOrigins: env.CORS_ORIGINS,
  webDist,
});
server.listen(env.API_PORT);
await once(server, "listening");
logger.info(
  {
    port: env.API_PORT,
    embeddedDatabase: db.embedded,
    appOrigin: env.APP_ORIGIN,
    servesWeb: Boolean(webDist),
  },
  "api listening",
);

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "shutting down");
  services.evalRunner?.close();
  server.close();
  server.closeAllConnections();
  await services.tail.stop();
  // Jobs in progress finish (or are released for another worker) before the database closes.
  await analysisWorker?.stop();
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
