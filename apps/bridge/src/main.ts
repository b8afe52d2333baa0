import { once } from "node:events";
import { openDatabase } from "@koe/db";
import { createTwilioRest } from "@koe/twilio";
import { CallRegistry } from "./calls/call-registry.ts";
import { recoverInterruptedCalls } from "./calls/recover-interrupted-calls.ts";
import { readBridgeEnv } from "./env.ts";
import { CallJournal } from "./events/call-journal.ts";
import { createBridgeMetrics } from "./http/metrics.ts";
import { createLogger } from "./logger.ts";
import { createBridgeServer } from "./server.ts";
import { ToolRegistry } from "./tools/tool-registry.ts";
import { StreamTokens } from "./twilio/stream-token.ts";

const env = readBridgeEnv();
const logger = createLogger(env.LOG_LEVEL);
const db = await openDatabase();
const metrics = createBridgeMetrics();
const journal = new CallJournal(db.prisma, logger.child({ module: "journal" }));
journal.onWriteError = () => metrics.errors.inc({ source: "database" });
const ctx = {
  env,
  prisma: db.prisma,
  journal,
  calls: new CallRegistry(),
  tokens: new StreamTokens(env.TWILIO_AUTH_TOKEN ?? ""),
  tools: new ToolRegistry(),
  twilioRest: createTwilioRest(env),
  metrics,
  logger,
};
if (!env.TWILIO_AUTH_TOKEN) logger.warn("TWILIO_AUTH_TOKEN is not set: every Twilio request will be refused");
const recovered = await recoverInterruptedCalls(db.prisma, env.BRIDGE_INSTANCE);
if (recovered > 0)
  logger.warn({ calls: recovered }, "marked calls left active by a crashed bridge as interrupted");
const server = createBridgeServer(ctx);
server.listen(env.BRIDGE_PORT);
await once(server, "listening");
logger.info(
  { port: env.BRIDGE_PORT, instance: env.BRIDGE_INSTANCE, embeddedDatabase: db.embedded },
  "bridge listening",
);

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal, liveCalls: ctx.calls.size }, "shutting down");
  server.close();
  const deadline = Date.now() + env.SHUTDOWN_GRACE_MS;
  while (ctx.calls.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  for (const call of ctx.calls.all()) call.end("bridge_restarted");
  await journal.drain(5_000);
  server.closeAllConnections();
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
