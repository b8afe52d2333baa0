export { createPrismaClient, type Database, openDatabase } from "./client.ts";
export { type EmbeddedServer, startEmbeddedServer } from "./embedded/embedded-server.ts";
export { type LocalDatabase, openLocalDatabase, processExists } from "./embedded/local-database.ts";
export { type DbEnv, readDbEnv } from "./env.ts";
export * from "./generated/prisma/client.ts";
export { type DatabaseHealth, pingDatabase } from "./health.ts";
export { type MigrateResult, MigrationError, migrate } from "./migrations/migrate.ts";
export { DEMO } from "./seed/demo-data.ts";
export { type SeedOptions, type SeedResult, seed } from "./seed/seed.ts";
