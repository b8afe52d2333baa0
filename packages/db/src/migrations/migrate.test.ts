import { createHash } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { MigrationError, migrate } from "./migrate.ts";
import { type MigrationFile, readMigrationFiles } from "./migration-files.ts";

function migrationFile(name: string, sql: string): MigrationFile {
  return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

type BookkeepingRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
};
const bookkeeping = (url: string) =>
  query<BookkeepingRow>(url, `SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`);

describe("migrate", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    await db.close();
  });

  it("applies every migration once and records it as Prisma does", async () => {
    const files = await readMigrationFiles();
    expect(files.length).toBeGreaterThan(0);

    const first = await migrate(db.url);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const second = await migrate(db.url);
    expect(second).toEqual({ applied: [], alreadyApplied: files.map((f) => f.name) });

    const rows = await bookkeeping(db.url);
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      files.map((f) => [f.name, f.checksum, 1]),
    );
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
  });

  it("rolls a failing migration back entirely and applies it once it is fixed", async () => {
    const good = migrationFile("20260101000000_a", `CREATE TABLE "A" ("id" INTEGER PRIMARY KEY);`);
    const broken = migrationFile(
      "20260102000000_b",
      `CREATE TABLE "B" ("id" INTEGER PRIMARY KEY); INSERT INTO "Nope" VALUES (1);`,
    );
    await expect(migrate(db.url, { migrations: [good, broken] })).rejects.toThrow(
      /20260102000000_b failed and was rolled back: .*"Nope"/,
    );
    const tables = await query<{ table_name: string }>(
      db.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["A", "_prisma_migrations"]);
    const failed = (await bookkeeping(db.url)).find((r) => r.migration_name === broken.name);
    expect(failed).toMatchObject({ finished_at: null, applied_steps_count: 0 });
    expect(failed?.rolled_back_at).toBeInstanceOf(Date);
    expect(failed?.logs).toContain("Nope");

    const fixed = migrationFile(broken.name, `CREATE TABLE "B" ("id" INTEGER PRIMARY KEY);`);
    expect(await migrate(db.url, { migrations: [good, fixed] })).toEqual({
      applied: [fixed.name],
      alreadyApplied: [good.name],
    });
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const original = migrationFile("20260101000000_a", `CREATE TABLE "A" ("id" INTEGER PRIMARY KEY);`);
    await migrate(db.url, { migrations: [original] });
    const edited = migrationFile(original.name, `CREATE TABLE "A" ("id" BIGINT PRIMARY KEY);`);
    const attempt = migrate(db.url, { migrations: [edited] });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(/changed after it was applied/);
  });

  it("lets concurrent runners apply each migration exactly once", async () => {
    const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
    // Runners take the lock per migration, so they may share the work, never repeat it.
    const applied = results.flatMap((r) => r.applied).sort();
    const files = (await readMigrationFiles()).map((m) => m.name).sort();
    expect(applied).toEqual(files);
    const rows = await bookkeeping(db.url);
    expect(rows.filter((r) => r.finished_at !== null)).toHaveLength(files.length);
  });
});
