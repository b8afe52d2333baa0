import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../client.ts";
import { readDbEnv } from "../env.ts";
import { demoCompany } from "../seed/demo-data.ts";

const run = promisify(execFile);
const FIXTURE = fileURLToPath(new URL("./fixtures/count-companies.ts", import.meta.url));

// Each test migrates a fresh PGlite from scratch (graphile-worker's schema and every migration):
// on a loaded machine that alone took over a minute.
describe("the embedded database (no DATABASE_URL)", { timeout: 180_000 }, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "koe-pglite-"));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = () => readDbEnv({ KOE_DATA_DIR: dataDir });

  it("starts PGlite under the data dir, migrated, and keeps the data across restarts", async () => {
    const first = await openDatabase(env());
    expect(first.embedded).toBe(true);
    await first.prisma.company.create({ data: demoCompany });
    await first.close();

    const second = await openDatabase(env());
    expect(await second.prisma.company.count()).toBe(1);
    await second.close();
  });

  it("is shared with other processes over the PostgreSQL protocol", async () => {
    const owner = await openDatabase(env());
    try {
      await owner.prisma.company.create({ data: demoCompany });
      const { stdout } = await run(process.execPath, [FIXTURE], {
        env: { ...process.env, DATABASE_URL: "", KOE_DATA_DIR: dataDir },
      });
      expect(JSON.parse(stdout)).toEqual({ companies: 1, embedded: true, url: owner.url });
    } finally {
      await owner.close();
    }
  });

  it("takes over when the process that served it died without cleaning up", async () => {
    const { stdout } = await run(process.execPath, ["-p", "process.pid"]);
    const deadPid = Number(stdout.trim());
    writeFileSync(join(dataDir, "pglite.lock"), String(deadPid));
    writeFileSync(join(dataDir, "pglite.json"), JSON.stringify({ pid: deadPid, port: 1 }));

    const db = await openDatabase(env());
    expect(await db.prisma.company.count()).toBe(0);
    await db.close();
  });
});

describe.runIf(process.env.DATABASE_URL)("a PostgreSQL server (DATABASE_URL)", () => {
  it("connects through the pg adapter without starting anything", async () => {
    const db = await openDatabase(readDbEnv({ DATABASE_URL: process.env.DATABASE_URL }));
    try {
      expect(db.embedded).toBe(false);
      const [row] = await db.prisma.$queryRaw<{ version: string }[]>`SELECT version()`;
      expect(row?.version).toMatch(/^PostgreSQL/);
    } finally {
      await db.close();
    }
  });
});
