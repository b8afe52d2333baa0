import { randomUUID } from "node:crypto";
import pg from "pg";
import { installJobQueueSchema } from "../jobs/job-queue-schema.ts";
import { type MigrationFile, readMigrationFiles } from "./migration-files.ts";

/** Prisma's own bookkeeping table, so `prisma migrate deploy` agrees with this runner. */
const CREATE_BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Serialises concurrent runners: on PostgreSQL through this advisory lock, on the embedded
 * PGlite because its socket multiplexer runs one connection's open transaction at a time.
 */
const MIGRATION_LOCK_KEY = 72_011_905;

export type MigrateResult = { applied: string[]; alreadyApplied: string[] };

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Installs the job queue's schema (graphile-worker's own migrations), then applies pending
 * migrations, each in its own transaction, recording them in `_prisma_migrations`.
 * Idempotent: applied migrations are skipped; an applied migration whose file changed is an error.
 */
export async function migrate(
  connectionString: string,
  options: { migrations?: MigrationFile[] } = {},
): Promise<MigrateResult> {
  const migrations = options.migrations ?? (await readMigrationFiles());
  await installJobQueueSchema(connectionString);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await inLockedTransaction(client, () => client.query(CREATE_BOOKKEEPING));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      const outcome = await applyIfPending(client, migration);
      result[outcome].push(migration.name);
    }
    return result;
  } finally {
    await client.end();
  }
}

async function applyIfPending(client: pg.Client, migration: MigrationFile): Promise<keyof MigrateResult> {
  const id = randomUUID();
  try {
    return await inLockedTransaction(client, async () => {
      const { rows } = await client.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations"
         WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [migration.name],
      );
      const applied = rows[0];
      if (applied) {
        if (applied.checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied (checksum differs). ` +
              "Add a new migration instead; locally, delete .data/ to start over.",
          );
        }
        return "alreadyApplied";
      }
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [id, migration.checksum, migration.name],
      );
      return "applied";
    });
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // The transaction rolled everything back, so the row says so: a fixed file can be applied again.
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at)
       VALUES ($1, $2, $3, $4, now(), now())`,
      [id, migration.checksum, migration.name, message],
    );
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`);
  }
}

async function inLockedTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
