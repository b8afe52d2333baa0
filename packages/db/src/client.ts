import { PrismaPg } from "@prisma/adapter-pg";
import { DATABASE_TIMEOUT_DEFAULTS } from "./database-timeouts.ts";
import { openLocalDatabase } from "./embedded/local-database.ts";
import { type DbEnv, readDbEnv } from "./env.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Database = {
  prisma: PrismaClient;
  /** The connection string in use (for LISTEN/NOTIFY clients, tools and child processes). */
  url: string;
  /** True when this is the embedded PGlite database rather than a PostgreSQL server. */
  embedded: boolean;
  close(): Promise<void>;
};

export type PrismaClientOptions = {
  maxConnections?: number;
  /** How long to wait for a connection (new, or a free one from the pool) before failing. */
  connectTimeoutMs?: number;
  /**
   * The longest one statement may run: the server cancels it (`statement_timeout`), and the client
   * gives up a little later (`query_timeout`) when the server itself does not answer.
   */
  statementTimeoutMs?: number;
};

/** How much later than the server's statement_timeout the client stops waiting for an answer. */
const CLIENT_GRACE_MS = 1_000;

/** A Prisma client over node-postgres for any PostgreSQL URL (a server, or PGlite served locally). */
export function createPrismaClient(url: string, options: PrismaClientOptions = {}): PrismaClient {
  const statementTimeoutMs = options.statementTimeoutMs ?? DATABASE_TIMEOUT_DEFAULTS.statementTimeoutMs;
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DATABASE_TIMEOUT_DEFAULTS.connectTimeoutMs,
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + CLIENT_GRACE_MS,
    }),
  });
}

/**
 * Opens the database the environment names: `DATABASE_URL` → that PostgreSQL server;
 * unset → the embedded PGlite database under `KOE_DATA_DIR`, shared with other local processes
 * and migrated automatically.
 */
export async function openDatabase(env: DbEnv = readDbEnv()): Promise<Database> {
  const timeouts = {
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
  };
  if (env.DATABASE_URL) {
    const prisma = createPrismaClient(env.DATABASE_URL, timeouts);
    return { prisma, url: env.DATABASE_URL, embedded: false, close: () => prisma.$disconnect() };
  }
  const local = await openLocalDatabase(env.KOE_DATA_DIR);
  // PGlite runs one query at a time; a few connections are enough to keep its queue full.
  const prisma = createPrismaClient(local.url, { ...timeouts, maxConnections: 4 });
  return {
    prisma,
    url: local.url,
    embedded: true,
    async close() {
      await prisma.$disconnect();
      await local.server?.close();
    },
  };
}
