import { once } from "node:events";
import { flushCompileCache } from "node:module";
import type { AddressInfo } from "node:net";
import { openDatabase } from "@koe/db";
import { createTwilioRest } from "@koe/twilio";
import { CallRegistry } from "./calls/call-registry.ts";
import { recoverInterruptedCalls } from "./calls/recover-interrupted-calls.ts";
import { readBridgeEnv } from "./env.ts";
import { CallJournal } from "./events/call-journal.ts";
import { OperatorCache } from "./fallback/operator-cache.ts";
import { createBridgeMetrics } from "./http/metrics.ts";
import { createMetricsServer } from "./http/metrics-server.ts";
import { shutDownGracefully } from "./lifecycle/graceful-shutdown.ts";
import { holdInstanceLease } from "./lifecycle/instance-lease.ts";
import { createLogger } from "./logger.ts";
import { startGuardrailMonitor } from "./rollout/guardrail-monitor.ts";
import { createBridgeServer } from "./server.ts";
import { createProductionTools } from "./tools/production-tools.ts";
import { StreamTokens } from "./twilio/stream-token.ts";

const env = readBridgeEnv();
const logger = createLogger(env.LOG_LEVEL);
const db = await openDatabase();
const metrics = createBridgeMetrics({ journalPending: () => journal.pending });
const journal = new CallJournal(db.prisma, logger.child({ module: "journal" }));
journal.onWriteError = () => metrics.errors.inc({ source: "database" });
journal.onEventRefused = () => metrics.journalEventsRefused.inc();
journal.onRowFieldRefused = () => metrics.journalRowFieldsRefused.inc();
const calls = new CallRegistry();
const twilioRest = createTwilioRest(env);
const ctx = {
  env,
  prisma: db.prisma,
  journal,
  calls,
  tokens: new StreamTokens(env.TWILIO_AUTH_TOKEN ?? ""),
  operators: new OperatorCache(),
  tools: createProductionTools({
    prisma: db.prisma,
    journal,
    twilioRest,
    metrics,
    logger: logger.child({ module: "tools" }),
    now: () => new Date(),
  }),
  twilioRest,
  metrics,
  logger,
};
if (!env.TWILIO_AUTH_TOKEN) logger.warn("TWILIO_AUTH_TOKEN is not set: every Twilio request will be refused");
const recovered = await recoverInterruptedCalls(db.prisma, env.BRIDGE_INSTANCE);
if (recovered > 0)
  logger.warn({ calls: recovered }, "marked calls left active by a crashed bridge as interrupted");
const lease = await holdInstanceLease(
  db.prisma,
  env.BRIDGE_INSTANCE,
  { heartbeatMs: env.BRIDGE_LEASE_HEARTBEAT_MS, ttlMs: env.BRIDGE_LEASE_TTL_MS },
  logger.child({ module: "lease" }),
);
const guardrail = startGuardrailMonitor(
  db.prisma,
  logger.child({ module: "guardrail" }),
  env.GUARDRAIL_CHECK_INTERVAL_MS,
);
const server = createBridgeServer(ctx);
server.listen(env.BRIDGE_PORT);
await once(server, "listening");
logger.info(
  // The port actually bound: BRIDGE_PORT=0 picks a free one (tests that start the bridge as a process).
  {
    port: (server.address() as AddressInfo).port,
    instance: env.BRIDGE_INSTANCE,
    embeddedDatabase: db.embedded,
  },
  "bridge listening",
);
// What start-up compiled is kept for the next start (NODE_COMPILE_CACHE in the start command), which
// then neither loads Node's TypeScript stripper for the workspace packages (about 15 MB) nor
// recompiles; without the variable this does nothing.
flushCompileCache();
const metricsServer = createMetricsServer(metrics);
// Calls do not depend on metrics: a taken port is logged, and the bridge serves calls regardless.
metricsServer.on("error", (error) => logger.error({ err: error }, "the metrics port could not be opened"));
metricsServer.listen(env.BRIDGE_METRICS_PORT, env.BRIDGE_METRICS_HOST, () =>
  logger.info({ metrics: metricsServer.address() }, "metrics listening"),
);

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "shutting down");
  await guardrail.stop();
  metricsServer.close();
  await shutDownGracefully(server, ctx, env.SHUTDOWN_GRACE_MS);
  await lease.stop();
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
