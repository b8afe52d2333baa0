import { once } from "node:events";
import { openDatabase } from "@koe/db";
import { readBridgeEnv } from "./env.ts";
import { createMetricsRegistry } from "./http/metrics.ts";
import { createLogger } from "./logger.ts";
import { createBridgeServer } from "./server.ts";

const env = readBridgeEnv();
const logger = createLogger(env.LOG_LEVEL);
const db = await openDatabase();
const server = createBridgeServer({ prisma: db.prisma, metrics: createMetricsRegistry(), logger });
server.listen(env.BRIDGE_PORT);
await once(server, "listening");
logger.info({ port: env.BRIDGE_PORT, embeddedDatabase: db.embedded }, "bridge listening");

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "shutting down");
  server.close();
  server.closeAllConnections();
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
