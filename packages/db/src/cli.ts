#!/usr/bin/env node
import { openDatabase } from "./client.ts";
import { openLocalDatabase } from "./embedded/local-database.ts";
import { readDbEnv } from "./env.ts";
import { type MigrateResult, migrate } from "./migrations/migrate.ts";
import { seed } from "./seed/seed.ts";

const USAGE = "usage: koe-db <migrate|seed|serve>";

async function main(command: string | undefined): Promise<void> {
  const env = readDbEnv();
  const where = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite (${env.KOE_DATA_DIR})`;
  switch (command) {
    case "migrate": {
      const result = env.DATABASE_URL
        ? await migrate(env.DATABASE_URL)
        : await migrateEmbedded(env.KOE_DATA_DIR);
      const applied = result.applied.length ? ` (${result.applied.join(", ")})` : "";
      console.log(
        `migrate: ${where}: ${result.applied.length} applied${applied}, ${result.alreadyApplied.length} already applied`,
      );
      return;
    }
    case "seed": {
      const db = await openDatabase(env);
      try {
        const result = await seed(db.prisma, {
          adminPassword: env.KOE_ADMIN_PASSWORD,
          operatorPassword: env.KOE_OPERATOR_PASSWORD,
        });
        console.log(`seed: ${where}: demo company デモ株式会社, agent on +815012345678`);
        for (const login of result.logins) {
          const password =
            login.password ?? "(unchanged; set KOE_ADMIN_PASSWORD / KOE_OPERATOR_PASSWORD to reset)";
          console.log(`  ${login.role.padEnd(8)} ${login.email}  password: ${password}`);
        }
      } finally {
        await db.close();
      }
      return;
    }
    case "serve": {
      if (env.DATABASE_URL) throw new Error("serve runs the embedded database; unset DATABASE_URL");
      const local = await openLocalDatabase(env.KOE_DATA_DIR);
      if (!local.server) {
        console.log(`serve: the embedded database is already served at ${local.url}`);
        return;
      }
      const { server } = local;
      console.log(`serve: embedded PGlite (${env.KOE_DATA_DIR}) at ${local.url}`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

/** Starting the embedded database migrates it; when another process serves it, migrate through that. */
async function migrateEmbedded(dataDir: string): Promise<MigrateResult> {
  const local = await openLocalDatabase(dataDir);
  try {
    return local.migration ?? (await migrate(local.url));
  } finally {
    await local.server?.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
