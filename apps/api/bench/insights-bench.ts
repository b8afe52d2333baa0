// `./koe bench insights`: the overview and transcript search with 1,000,000 calls and 20,000,000
// transcript lines, in a database of its own on the PostgreSQL server DATABASE_URL names (created
// and dropped), then the same queries at a smaller size on the embedded PGlite. The overview's
// hourly roll-up is done first, by the job the api runs every 5 minutes.
//   --calls 1000000     calls seeded on PostgreSQL (20 transcript lines and 5 turn latencies each)
//   --pglite-calls 5000 calls seeded on PGlite (0 skips it)
//   --skip-search       times the overview only (no bigram index build, no searches)
//   --compare-trgm      also builds a pg_trgm index and times LIKE '%…%' through it, for comparison
//   --explain           prints each search's plan (EXPLAIN ANALYZE)
import { parseArgs } from "node:util";
import { DEMO, type PrismaClient, seed } from "@koe/db";
import { createTestDatabase } from "@koe/db/testing";
import pg from "pg";
import { rollUpOverview } from "../src/overview-rollup/roll-up.ts";
import { overview } from "../src/routers/overview/overview.ts";
import { overviewInput } from "../src/routers/overview/overview.types.ts";
import { searchTranscripts } from "../src/routers/transcripts/transcript-search.ts";
import { transcriptSearchInput } from "../src/routers/transcripts/transcripts.types.ts";
import { seedCalls, timed } from "./insights-seed.ts";

const { values: args } = parseArgs({
  options: {
    calls: { type: "string", default: "1000000" },
    "pglite-calls": { type: "string", default: "5000" },
    "skip-search": { type: "boolean", default: false },
    "compare-trgm": { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
  },
});
const postgresUrl = process.env.DATABASE_URL;

const SEARCHES: [string, string][] = [
  ["予約 (a quarter of all lines)", "予約"],
  ["解約 (1 in 100 lines)", "解約"],
  ["請求 (1 in 20 lines)", "請求"],
  ["ok (ASCII, any case)", "ok"],
  ["ぬいぐるみ (1 in 100,000)", "ぬいぐるみ"],
  ["忘れ物 (1 in 1,000,000)", "忘れ物"],
  ["黒猫 (no line)", "黒猫"],
  ["予約解約 (frequent pieces, no line)", "予約解約"],
];

for (const kind of postgresUrl ? (["postgresql", "pglite"] as const) : (["pglite"] as const)) {
  const calls = Number(kind === "postgresql" ? args.calls : args["pglite-calls"]);
  if (calls === 0) continue;
  if (kind === "pglite") delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = postgresUrl;
  const db = await createTestDatabase();
  // Index builds and VACUUM over 20 million rows outlast the test client's statement timeout.
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query("SET statement_timeout = 0; SET maintenance_work_mem = '512MB'");
  try {
    await seed(db.prisma, { adminPassword: "bench-password", operatorPassword: "bench-password" });
    const log = (line: string) => console.log(`${kind.padEnd(10)} ${line}`);
    await seedCalls(db.prisma, admin, calls, { log, withSearchIndex: !args["skip-search"] });
    await rollUp(db.prisma, admin, log);
    await timeOverview(db.prisma, log);
    if (args["skip-search"]) continue;
    await timeSearch(db.prisma, log);
    if (kind === "postgresql" && args["compare-trgm"]) await compareTrgm(db.prisma, admin, log);
  } finally {
    await admin.end();
    await db.close();
  }
}

/**
 * The overview's roll-up as the api's job worker runs it: the year from scratch, then one more
 * hour (the watermark set an hour back), then a run with nothing to do.
 */
async function rollUp(prisma: PrismaClient, admin: pg.Client, log: (line: string) => void) {
  const [all, allMs] = await timed(() => rollUpOverview(prisma));
  log(
    `rolled up ${all.hours.toLocaleString("en")} hours in ${all.steps} steps in ${(allMs / 1000).toFixed(1)} s`,
  );
  await admin.query(`VACUUM ANALYZE "OverviewHour", "OverviewHourLatency"`);
  const rows = await prisma.$queryRaw<{ hours: number; latencies: number }[]>`
    SELECT (SELECT count(*)::int FROM "OverviewHour") AS hours, (SELECT count(*)::int FROM "OverviewHourLatency") AS latencies`;
  log(
    `roll-up rows: ${rows[0]?.hours.toLocaleString("en")} OverviewHour, ${rows[0]?.latencies.toLocaleString("en")} OverviewHourLatency`,
  );
  await admin.query(`
    WITH last AS (SELECT watermark - interval '1 hour' AS hour FROM "OverviewRollup")
    , h AS (DELETE FROM "OverviewHour" o USING last WHERE o.hour >= last.hour)
    , l AS (DELETE FROM "OverviewHourLatency" o USING last WHERE o.hour >= last.hour)
    UPDATE "OverviewRollup" r SET watermark = last.hour FROM last`);
  const [, hourMs] = await timed(() => rollUpOverview(prisma));
  const [, idleMs] = await timed(() => rollUpOverview(prisma));
  log(`roll-up of one more hour ${hourMs.toFixed(1)} ms, of nothing new ${idleMs.toFixed(1)} ms`);
}

async function repeat(work: () => Promise<unknown>, runs = 11) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(work))[1]);
  const first = times[0] ?? Number.NaN;
  times.sort((a, b) => a - b);
  return `first ${first.toFixed(1)} ms, median ${times[Math.floor(runs / 2)]?.toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms (${runs} runs)`;
}

async function timeOverview(prisma: PrismaClient, log: (line: string) => void) {
  const now = Date.now();
  const days = (n: number) => new Date(now - n * 86_400_000).toISOString();
  const version2 = await prisma.agentVersion.findFirstOrThrow({
    where: { agentId: DEMO.agentId, version: 2 },
  });
  const cases: [string, Record<string, unknown>][] = [
    ["24 hours by hour", { from: days(1), bucket: "hour" }],
    ["7 days by hour", { from: days(7), bucket: "hour" }],
    ["30 days by day", { from: days(30), bucket: "day" }],
    [
      "30 days, version 2, realtime",
      { from: days(30), bucket: "day", agentVersionId: version2.id, engine: "realtime" },
    ],
    ["90 days by day", { from: days(90), bucket: "day" }],
    ["365 days by day", { from: days(365), bucket: "day" }],
  ];
  for (const [name, input] of cases) {
    const parsed = overviewInput.parse({ to: new Date(now).toISOString(), ...input });
    const [result] = await timed(() => overview(prisma, DEMO.companyId, parsed));
    log(
      `overview ${name.padEnd(30)} ${result.totals.calls.toLocaleString("en")} calls, ` +
        `${result.totals.latency.turns.toLocaleString("en")} turns: ${await repeat(() => overview(prisma, DEMO.companyId, parsed), 5)}`,
    );
  }
}

async function timeSearch(prisma: PrismaClient, log: (line: string) => void) {
  for (const [name, query] of SEARCHES) {
    const input = transcriptSearchInput.parse({ query });
    const first = await searchTranscripts(prisma, DEMO.companyId, input);
    log(
      `search ${name.padEnd(36)} ${String(first.matches.length).padStart(2)} results` +
        `${first.nextCursor ? "+" : " "}: ${await repeat(() => searchTranscripts(prisma, DEMO.companyId, input))}`,
    );
    if (args.explain) await explain(prisma, query, log);
    if (first.nextCursor) {
      const next = transcriptSearchInput.parse({ query, cursor: first.nextCursor });
      log(
        `search ${`${name}, page 2`.padEnd(36)}            ${await repeat(() => searchTranscripts(prisma, DEMO.companyId, next))}`,
      );
    }
  }
}

/** The alternative: pg_trgm's GIN index, which finds three-character pieces only. */
async function compareTrgm(prisma: PrismaClient, admin: pg.Client, log: (line: string) => void) {
  await prisma.$executeRawUnsafe(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  const [, buildMs] = await timed(() =>
    admin.query(
      `CREATE INDEX bench_trgm ON "CallEvent" USING gin ((payload ->> 'text') gin_trgm_ops) WHERE type = 'transcript'`,
    ),
  );
  log(`pg_trgm: built its index in ${(buildMs / 1000).toFixed(1)} s`);
  await prisma.$executeRawUnsafe(`DROP INDEX "CallEvent_transcript_bigrams_idx"`);
  for (const [name, query] of SEARCHES) {
    const like = `%${query}%`;
    const run = () => prisma.$queryRaw`
      SELECT e.id FROM "CallEvent" e
      WHERE e."companyId" = ${DEMO.companyId}::uuid AND e.type = 'transcript' AND (e.payload ->> 'text') ILIKE ${like}
      ORDER BY e.id DESC LIMIT 31`;
    log(`pg_trgm ILIKE ${name.padEnd(36)} ${await repeat(run, 3)}`);
  }
}

async function explain(prisma: PrismaClient, query: string, log: (line: string) => void) {
  const plan = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>`
    EXPLAIN ANALYZE SELECT e.id FROM "CallEvent" e
    WHERE e."companyId" = ${DEMO.companyId}::uuid AND e.type = 'transcript'
      AND koe_bigrams(e.payload ->> 'text') @> koe_query_bigrams(${query})`;
  for (const row of plan) log(`  ${row["QUERY PLAN"]}`);
}
