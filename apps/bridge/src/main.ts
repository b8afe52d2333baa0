import { once } from "node:events";
import { openDatabase } from "@koe/db";
import { createTwilioRest } from "@koe/twilio";
import { CallRegistry } from "./calls/call-registry.ts";
import { recoverInterruptedCalls } from "./calls/recover-interrupted-calls.ts";
import { readBridgeEnv } from "./env.ts";
import { CallJournal } from "./events/call-journal.ts";
import { createBridgeMetrics } from "./http/metrics.ts";
import { shutDownGracefully } from "./lifecycle/graceful-shutdown.ts";
import { createLogger } from "./logger.ts";
import { startGuardrailMonitor } from "./rollout/guardrail-monitor.ts";
import { createBridgeServer } from "./server.ts";
import { createProductionTools } from "./tools/production-tools.ts";
import { StreamTokens } from "./twilio/stream-token.ts";

const env = readBridgeEnv();
const logger = createLogger(env.LOG_LEVEL);
const db = await openDatabase();
const metrics = createBridgeMetrics();
const journal = new CallJournal(db.prisma, logger.child({ module: "journal" }));
journal.onWriteError = () => metrics.errors.inc({ source: "database" });
const calls = new CallRegistry();
const twilioRest = createTwilioRest(env);
const ctx = {
  env,
  prisma: db.prisma,
  journal,
  calls,
  tokens: new StreamTokens(env.TWILIO_AUTH_TOKEN ?? ""),
  tools: createProductionTools({
    prisma: db.prisma,
    journal,
    twilioRest,
    metrics,
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
const guardrail = startGuardrailMonitor(
  db.prisma,
  logger.child({ module: "guardrail" }),
  env.GUARDRAIL_CHECK_INTERVAL_MS,
);
const server = createBridgeServer(ctx);
server.listen(env.BRIDGE_PORT);
await once(server, "listening");
logger.info(
  { port: env.BRIDGE_PORT, instance: env.BRIDGE_INSTANCE, embeddedDatabase: db.embedded },
  "bridge listening",
);

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "shutting down");
  await guardrail.stop();
  await shutDownGracefully(server, ctx, env.SHUTDOWN_GRACE_MS);
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
