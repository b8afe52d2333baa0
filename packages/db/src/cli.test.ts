import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "./migrations/migration-files.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));

// `pnpm db:migrate && pnpm db:seed`, twice, against whichever database this run uses: a fresh
// database on the DATABASE_URL server, or a fresh embedded one.
describe("koe-db migrate and seed, twice in a row", () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      const db: TestDatabase = await createTestDatabase({ migrated: false });
      env = { ...process.env, DATABASE_URL: db.url };
      cleanup = () => db.close();
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), "koe-cli-"));
      env = { ...process.env, KOE_DATA_DIR: dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
    env.KOE_ADMIN_PASSWORD = "cli-admin-pw";
    delete env.KOE_OPERATOR_PASSWORD;
  });
  afterAll(async () => {
    await cleanup();
  });

  const koeDb = async (command: string) => (await run(process.execPath, [CLI, command], { env })).stdout;

  it("migrates once, then finds nothing to do", async () => {
    const names = (await readMigrationFiles()).map((m) => m.name);
    expect(await koeDb("migrate")).toContain(
      `: ${names.length} applied (${names.join(", ")}), 0 already applied`,
    );
    expect(await koeDb("migrate")).toContain(`: 0 applied, ${names.length} already applied`);
  });

  it("seeds once, printing the logins, then changes nothing", async () => {
    const first = await koeDb("seed");
    expect(first).toContain("admin    admin@demo.example  password: cli-admin-pw");
    expect(first).toMatch(/operator operator@demo\.example {2}password: [\w-]{16}\n/);
    const second = await koeDb("seed");
    expect(second).toContain("admin@demo.example  password: (unchanged");
    expect(second).toContain("operator@demo.example  password: (unchanged");
  });

  it("says what is wrong with a bad command", async () => {
    await expect(koeDb("frobnicate")).rejects.toMatchObject({
      stderr: expect.stringContaining("usage: koe-db"),
    });
  });
});
