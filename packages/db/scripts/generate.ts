import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// `prisma generate` never runs the schema engine, but without PRISMA_SCHEMA_ENGINE_BINARY the CLI
// tries to download one, which fails offline. Point it at any file (docs/ARCHITECTURE.md, "Decisions").
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  const placeholder = join(tmpdir(), "koe-prisma-schema-engine-placeholder");
  writeFileSync(placeholder, "");
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: false });
process.exit(result.status ?? 1);
