import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrismaClient } from "../client.ts";
import { startEmbeddedServer } from "../embedded/embedded-server.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { migrate } from "../migrations/migrate.ts";

export type TestDatabase = {
  kind: "postgresql" | "pglite";
  url: string;
  prisma: PrismaClient;
  close(): Promise<void>;
};

/**
 * A fresh, empty database for one test file: a new database on the PostgreSQL server that
 * `DATABASE_URL` names (dropped on close), or, with no `DATABASE_URL`, an in-memory PGlite served
 * on loopback. Migrated unless `migrated: false`.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  let database: Omit<TestDatabase, "prisma" | "close"> & { dispose(): Promise<void> };
  if (serverUrl) {
    const name = `koe_test_${randomBytes(6).toString("hex")}`;
    await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = {
      kind: "postgresql",
      url: url.toString(),
      async dispose() {
        await withAdminClient(serverUrl, (admin) =>
          admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
        );
      },
    };
  } else {
    const server = await startEmbeddedServer();
    database = { kind: "pglite", url: server.url, dispose: () => server.close() };
  }
  if (options.migrated !== false) await migrate(database.url);
  // Generous limits: a loaded test machine or a benchmark's bulk seed is not an outage. Tests of
  // the timeouts themselves make their own clients.
  const prisma = createPrismaClient(database.url, {
    maxConnections: 4,
    connectTimeoutMs: 30_000,
    statementTimeoutMs: 300_000,
  });
  return {
    kind: database.kind,
    url: database.url,
    prisma,
    async close() {
      await prisma.$disconnect();
      await database.dispose();
    },
  };
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
