// The calls `insights-bench.ts` times the overview and search over: a year of them, with their
// transcript lines and turn latencies, written in bulk.
import { performance } from "node:perf_hooks";
import { DEMO, type PrismaClient } from "@koe/db";
import type pg from "pg";

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

/** Runs `work` and says how long it took, in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/**
 * Calls of a second agent version on every third call, a test call in fifty, outcomes in turn
 * (and unanalysed), then their lines and turn latencies, in batches of INSERT … SELECT
 * generate_series with the secondary indexes dropped and rebuilt after (their build time is shown;
 * the search's bigram index only when the search is timed).
 */
export async function seedCalls(
  prisma: PrismaClient,
  admin: pg.Client,
  count: number,
  options: { log: (line: string) => void; withSearchIndex: boolean },
) {
  const { log } = options;
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
    if (!options.withSearchIndex && index.name === '"CallEvent_transcript_bigrams_idx"') continue;
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
