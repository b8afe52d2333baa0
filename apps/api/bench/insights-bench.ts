// `./koe bench insights`: the overview and transcript search with 1,000,000 calls and 20,000,000
// transcript lines, in a database of its own on the PostgreSQL server DATABASE_URL names (created
// and dropped), then the same queries at a smaller size on the embedded PGlite. The overview's
// hourly roll-up is done first, by the job the api runs every 5 minutes.
//   --calls 1000000     calls seeded on PostgreSQL (20 transcript lines and 5 turn latencies each)
//   --pglite-calls 5000 calls seeded on PGlite (0 skips it)
//   --skip-search       times the overview only (no bigram index build, no searches)
//   --compare-trgm      also builds a pg_trgm index and times LIKE '%…%' through it, for comparison
//   --explain           prints each search's plan (EXPLAIN ANALYZE)
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DEMO, type PrismaClient, seed } from "@koe/db";
import { createTestDatabase } from "@koe/db/testing";
import pg from "pg";
import { rollUpOverview } from "../src/overview-rollup/roll-up.ts";
import { overview } from "../src/routers/overview/overview.ts";
import { overviewInput } from "../src/routers/overview/overview.types.ts";
import { searchTranscripts } from "../src/routers/transcripts/transcript-search.ts";
import { transcriptSearchInput } from "../src/routers/transcripts/transcripts.types.ts";

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
const LINES_PER_CALL = 20;
const TURNS_PER_CALL = 5;
/** The calls span a year, newest last. */
const SPAN_DAYS = 365;

/**
 * What callers and the agent say, with how often: a booking line in about a quarter of all lines
 * (予約), a cancellation (解約) in about one in a hundred, lines with 予 and 約 apart (予定, 約束)
 * that a search for 予約 must not return, and rare words a few hundred or a few dozen times.
 */
const PHRASES = [
  "来週の火曜日の午後三時に予約をお願いしたいのですが。",
  "ご予約の日時を確認いたします。",
  "予約の変更をお願いします。",
  "かしこまりました。ご予約を承りました。",
  "山田太郎です。",
  "佐藤花子と申します。",
  "ありがとうございます。",
  "先月の請求がおかしいんですけど、どうなっているんですか。",
  "もういいです、人と話させてください。",
  "すみません、営業時間だけ教えてください。",
  "営業時間は平日九時から十八時まででございます。",
  "わかりました。",
  "明日の予定を確認したいです。",
  "約束の時間に少し遅れそうです。",
  "お電話ありがとうございます。デモ株式会社でございます。",
  "かしこまりました。お名前をお伺いしてもよろしいでしょうか。",
  "はい、OKです。",
  "担当者におつなぎします。少々お待ちください。",
  "次回の点検の件でお電話しました。",
  "駐車場はありますか。",
];

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
    await seedCalls(db.prisma, admin, calls, log);
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

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/**
 * Calls of a second agent version on every third call, a test call in fifty, outcomes in turn
 * (and unanalysed), then their lines and turn latencies, in batches of INSERT … SELECT
 * generate_series with the secondary indexes dropped and rebuilt after (their build time is shown).
 */
async function seedCalls(prisma: PrismaClient, admin: pg.Client, count: number, log: (line: string) => void) {
  await prisma.$executeRaw`
    INSERT INTO "AgentVersion" (id, "companyId", "agentId", version, "conversationSettings", "keywordTemplates", "realtimeSettings", note)
    SELECT gen_random_uuid(), "companyId", "agentId", 2, "conversationSettings", "keywordTemplates", "realtimeSettings", 'bench'
    FROM "AgentVersion" WHERE "agentId" = ${DEMO.agentId}::uuid AND version = 1`;
  const indexes = await prisma.$queryRaw<{ name: string; definition: string }[]>`
    SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
    FROM pg_index WHERE indrelid IN ('"CallSession"'::regclass, '"CallEvent"'::regclass) AND NOT indisprimary`;
  for (const index of indexes) await prisma.$executeRawUnsafe(`DROP INDEX ${index.name}`);
  // The foreign keys' triggers would check every one of 25 million rows: the generator is trusted.
  for (const table of ["CallSession", "CallEvent"]) {
    await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER ALL`);
  }
  const stepSeconds = (SPAN_DAYS * 86_400) / count;
  const [, callsMs] = await timed(
    () => prisma.$executeRaw`
    INSERT INTO "CallSession" (id, "companyId", "agentId", "agentVersionId", "callSid", direction, "fromNumber", "toNumber",
      engine, "engineReason", status, "startedAt", "endedAt", "durationSeconds", "handoffAt", "costUsd", outcome, "isTest",
      "referenceTranscript", "updatedAt")
    SELECT md5('bench-call-' || g)::uuid, ${DEMO.companyId}::uuid, ${DEMO.agentId}::uuid,
      (SELECT id FROM "AgentVersion" WHERE "agentId" = ${DEMO.agentId}::uuid AND version = 1 + (g % 3 = 0)::int),
      'CA-bench-' || g, 'inbound', '+819011112222', ${DEMO.phoneNumber},
      (CASE WHEN g % 5 = 0 THEN 'legacy' ELSE 'realtime' END)::"CallEngine", 'rollout_bucket_included',
      (CASE WHEN g % 10 = 0 THEN 'no_answer' ELSE 'completed' END)::"CallStatus",
      s.at, s.at + interval '2 minutes', 120,
      CASE WHEN g % 8 = 0 THEN s.at + interval '1 minute' END,
      CASE WHEN g % 5 = 0 THEN 0 ELSE 0.05 + (g % 37) / 100.0 END,
      (ARRAY['booked', 'rescheduled', 'cancelled', 'info_provided', 'handed_off', 'caller_dropped', 'voicemail', 'other'])[1 + g % 9]::"CallOutcome",
      g % 50 = 0,
      CASE WHEN g % 2000 = 0 THEN '来週の火曜日の午後三時に予約をお願いしたいのですが' END,
      now()
    FROM generate_series(1, ${count}::int) AS g
    CROSS JOIN LATERAL (SELECT now() - (${count}::int - g) * ${stepSeconds}::float8 * interval '1 second' AS at) s`,
  );
  log(`seeded ${count.toLocaleString("en")} calls in ${(callsMs / 1000).toFixed(1)} s`);
  const batch = 100_000;
  const [, linesMs] = await timed(async () => {
    for (let first = 1; first <= count; first += batch) {
      const last = Math.min(count, first + batch - 1);
      await prisma.$executeRaw`
        INSERT INTO "CallEvent" ("callSessionId", "companyId", type, payload, "occurredAt")
        SELECT md5('bench-call-' || g)::uuid, ${DEMO.companyId}::uuid, 'transcript',
          jsonb_build_object('role', CASE WHEN i % 2 = 0 THEN 'caller' ELSE 'agent' END, 'truncated', false, 'text',
            CASE WHEN (g * ${LINES_PER_CALL} + i) % 100003 = 0 THEN 'ぬいぐるみを忘れてしまいました。'
                 WHEN (g * ${LINES_PER_CALL} + i) % 1000003 = 7 THEN '忘れ物の問い合わせです。'
                 WHEN (g * 31 + i * 17) % 100 = 0 THEN '契約を解約したいのですが。'
                 ELSE (${PHRASES}::text[])[1 + (g * 7 + i * 13) % ${PHRASES.length}] END),
          c."startedAt" + i * interval '5 seconds'
        FROM generate_series(${first}::int, ${last}::int) AS g
        JOIN "CallSession" c ON c.id = md5('bench-call-' || g)::uuid
        CROSS JOIN generate_series(1, ${LINES_PER_CALL}) AS i`;
      await prisma.$executeRaw`
        INSERT INTO "CallEvent" ("callSessionId", "companyId", type, payload, "occurredAt")
        SELECT md5('bench-call-' || g)::uuid, ${DEMO.companyId}::uuid, 'turn_latency',
          jsonb_build_object('turn', i, 'latencyMs', 250 + (g * 7 + i * 131) % 900),
          c."startedAt" + i * interval '10 seconds'
        FROM generate_series(${first}::int, ${last}::int) AS g
        JOIN "CallSession" c ON c.id = md5('bench-call-' || g)::uuid
        CROSS JOIN generate_series(1, ${TURNS_PER_CALL}) AS i`;
    }
  });
  log(
    `seeded ${(count * LINES_PER_CALL).toLocaleString("en")} transcript lines and ` +
      `${(count * TURNS_PER_CALL).toLocaleString("en")} turn latencies in ${(linesMs / 1000).toFixed(1)} s`,
  );
  // With the triggers off, the calls' turn latencies come as migration 20261208300100's backfill
  // fills them for calls journaled before it (and the roll-up's trigger marks no hour dirty).
  const [, latenciesMs] = await timed(() =>
    admin.query(`
    UPDATE "CallSession" cs SET "turnLatenciesMs" = l.ms
    FROM (SELECT "callSessionId", array_agg((payload ->> 'latencyMs')::float8 ORDER BY id) AS ms
          FROM "CallEvent" WHERE type = 'turn_latency' AND jsonb_typeof(payload -> 'latencyMs') = 'number'
          GROUP BY "callSessionId") l
    WHERE cs.id = l."callSessionId"`),
  );
  log(`copied the turn latencies onto the calls in ${(latenciesMs / 1000).toFixed(1)} s`);
  for (const table of ["CallSession", "CallEvent"]) {
    await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER ALL`);
  }
  for (const index of indexes) {
    if (args["skip-search"] && index.name === '"CallEvent_transcript_bigrams_idx"') continue;
    const [, ms] = await timed(() => admin.query(index.definition));
    log(`built ${index.name} in ${(ms / 1000).toFixed(1)} s`);
  }
  const [, vacuumMs] = await timed(() => admin.query(`VACUUM ANALYZE "CallSession", "CallEvent"`));
  log(`VACUUM ANALYZE in ${(vacuumMs / 1000).toFixed(1)} s`);
  const sizes = await prisma.$queryRaw<{ name: string; size: string }[]>`
    SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size FROM pg_class c
    WHERE c.relname IN ('CallEvent', 'CallSession', 'CallEvent_transcript_bigrams_idx', 'CallSession_overview_idx')`;
  log(`sizes: ${sizes.map((s) => `${s.name} ${s.size}`).join(", ")}`);
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
