import { once } from "node:events";
import { openDatabase } from "@koe/db";
import { readApiEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { createApiServer } from "./server.ts";

const env = readApiEnv();
const logger = createLogger(env.LOG_LEVEL);
const db = await openDatabase();
const server = createApiServer({ prisma: db.prisma, logger });
server.listen(env.API_PORT);
await once(server, "listening");
logger.info({ port: env.API_PORT, embeddedDatabase: db.embedded }, "api listening");

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "shutting down");
  server.close();
  server.closeAllConnections();
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
