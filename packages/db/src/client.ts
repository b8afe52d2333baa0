import { PrismaPg } from "@prisma/adapter-pg";
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

/** A Prisma client over node-postgres for any PostgreSQL URL (a server, or PGlite served locally). */
export function createPrismaClient(url: string, options: { maxConnections?: number } = {}): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: options.maxConnections ?? 10 }),
  });
}

/**
 * Opens the database the environment names: `DATABASE_URL` → that PostgreSQL server;
 * unset → the embedded PGlite database under `KOE_DATA_DIR`, shared with other local processes
 * and migrated automatically.
 */
export async function openDatabase(env: DbEnv = readDbEnv()): Promise<Database> {
  if (env.DATABASE_URL) {
    const prisma = createPrismaClient(env.DATABASE_URL);
    return { prisma, url: env.DATABASE_URL, embedded: false, close: () => prisma.$disconnect() };
  }
  const local = await openLocalDatabase(env.KOE_DATA_DIR);
  // PGlite runs one query at a time; a few connections are enough to keep its queue full.
  const prisma = createPrismaClient(local.url, { maxConnections: 4 });
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
