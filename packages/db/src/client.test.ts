import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, openDatabase } from "./client.ts";
import { readDbEnv } from "./env.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";
import { startUnresponsiveServer, type UnresponsiveServer } from "./testing/unresponsive-server.ts";

describe("the database client's timeouts", () => {
  let db: TestDatabase;
  let hung: UnresponsiveServer;
  beforeAll(async () => {
    [db, hung] = await Promise.all([createTestDatabase({ migrated: false }), startUnresponsiveServer()]);
  });
  afterAll(async () => {
    await Promise.all([db.close(), hung.close()]);
  });

  it("fails a query when the database accepts the connection and never answers", async () => {
    const prisma = createPrismaClient(hung.url, { connectTimeoutMs: 200 });
    try {
      await expect(prisma.$queryRaw`SELECT 1`).rejects.toThrow();
    } finally {
      await prisma.$disconnect();
    }
  });

  it("takes its timeouts from the environment", async () => {
    const env = readDbEnv({ DATABASE_URL: hung.url, DATABASE_CONNECT_TIMEOUT_MS: "200" });
    expect(env).toMatchObject({ DATABASE_CONNECT_TIMEOUT_MS: 200, DATABASE_STATEMENT_TIMEOUT_MS: 10_000 });
    const database = await openDatabase(env);
    try {
      await expect(database.prisma.$queryRaw`SELECT 1`).rejects.toThrow();
    } finally {
      await database.close();
    }
  });

  it("fails a statement that runs past the statement timeout", async () => {
    // PostgreSQL cancels it (statement_timeout); PGlite ignores that setting, and the client's
    // query timeout ends the wait instead.
    const prisma = createPrismaClient(db.url, { statementTimeoutMs: 200 });
    try {
      await expect(prisma.$queryRaw`SELECT pg_sleep(2)`).rejects.toThrow(/statement timeout|timeout/i);
      expect(await prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
