// `pnpm --filter @koe/api bench`: live event latency (a bridge-style insert → the browser's SSE
// stream receives it) on PostgreSQL (DATABASE_URL, LISTEN/NOTIFY wake-ups) and on the embedded
// PGlite (polling), and the call history's query time with 1,000,000 calls.
//   --events 200      events appended per latency run
//   --calls 1000000   calls seeded for the history run
//   --skip-pglite-history   PGlite takes minutes to seed a million calls
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { callHistory } from "../src/routers/calls/history.ts";
import { createApiServer } from "../src/server.ts";
import { APP_ORIGIN, type ApiHarness, startApiHarness, TEST_PASSWORD } from "../src/testing/api-harness.ts";
import { readSse } from "../src/testing/sse-client.ts";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "200" },
    calls: { type: "string", default: "1000000" },
    "skip-pglite-history": { type: "boolean", default: false },
  },
});
const postgresUrl = process.env.DATABASE_URL;

for (const kind of postgresUrl ? (["postgresql", "pglite"] as const) : (["pglite"] as const)) {
  // The test database helper picks PostgreSQL when DATABASE_URL is set, PGlite otherwise.
  if (kind === "pglite") delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = postgresUrl;
  // Production's poll interval on PGlite (100 ms), not the tests' faster one.
  const h = await startApiHarness({ pollIntervalMs: 100 });
  try {
    const latency = await liveLatency(h, Number(args.events));
    console.log(
      `${kind.padEnd(10)} live event latency over ${latency.count} events: p50 ${latency.p50.toFixed(1)} ms, ` +
        `p95 ${latency.p95.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`,
    );
    if (kind === "postgresql" || !args["skip-pglite-history"]) {
      for (const line of await historyTimes(h, Number(args.calls))) console.log(`${kind.padEnd(10)} ${line}`);
    }
  } finally {
    await h.close();
  }
}

/** Appends events one by one (as the bridge's journal does) and times each until the SSE client has it. */
async function liveLatency(h: ApiHarness, count: number) {
  const server = createApiServer({ services: h.services, auth: h.auth });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP_ORIGIN },
    body: JSON.stringify({ email: DEMO.operatorEmail, password: TEST_PASSWORD }),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
  const call = await insertTestCall(h.db.prisma, { status: "active" });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let connected: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const input = encodeURIComponent(JSON.stringify({ callId: call.id }));
  const reading = readSse(`${base}/trpc/live.callEvents?input=${input}`, { cookie }, (m) => {
    if (m.event === "connected") connected();
    const text = (m.data as { payload?: { text?: string } } | null)?.payload?.text;
    const start = text === undefined ? undefined : sentAt.get(text);
    if (start !== undefined) latencies.push(performance.now() - start);
    return latencies.length < count;
  });
  await ready;
  for (let i = 0; i < count; i++) {
    const text = `line ${i}`;
    sentAt.set(text, performance.now());
    await h.db.prisma.callEvent.create({
      data: {
        callSessionId: call.id,
        companyId: DEMO.companyId,
        type: "transcript",
        payload: { role: "caller", text, truncated: false },
      },
    });
    // Spaced like a conversation's events, not a flood: each one waits for its own wake-up.
    await new Promise((r) => setTimeout(r, 20));
  }
  await reading;
  server.closeAllConnections();
  server.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { count: latencies.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

/** Seeds `count` calls with one INSERT … SELECT generate_series, then times history queries. */
async function historyTimes(h: ApiHarness, count: number): Promise<string[]> {
  const seeding = performance.now();
  await h.db.prisma.$executeRaw`
    INSERT INTO "CallSession" (id, "companyId", "agentId", "callSid", direction, "fromNumber", "toNumber",
      engine, "engineReason", status, "startedAt", "endedAt", "durationSeconds", "handoffAt", "costUsd", "updatedAt")
    SELECT gen_random_uuid(), ${DEMO.companyId}::uuid, ${DEMO.agentId}::uuid, 'CA-bench-' || g, 'inbound',
      '+819011112222', ${DEMO.phoneNumber},
      (CASE WHEN g % 5 = 0 THEN 'legacy' ELSE 'realtime' END)::"CallEngine",
      'rollout_bucket_included', (CASE WHEN g % 10 = 0 THEN 'no_answer' ELSE 'completed' END)::"CallStatus",
      now() - g * interval '30 seconds', now() - g * interval '30 seconds' + interval '2 minutes', 120,
      CASE WHEN g % 8 = 0 THEN now() - g * interval '30 seconds' + interval '1 minute' END,
      0.12, now()
    FROM generate_series(1, ${count}::int) AS g`;
  await h.db.prisma.$executeRawUnsafe(`ANALYZE "CallSession"`);
  const lines = [
    `seeded ${count.toLocaleString("en")} calls in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  ];
  const companyId = DEMO.companyId;
  const page = (input: Parameters<typeof callHistory>[2]) => callHistory(h.db.prisma, companyId, input);
  const deepCursor = await (async () => {
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) cursor = (await page({ limit: 100, cursor })).nextCursor;
    return cursor;
  })();
  const day = new Date(Date.now() - 100 * 86_400_000);
  const cases: [string, Parameters<typeof callHistory>[2]][] = [
    ["first page (50)", { limit: 50 }],
    ["page after 2,000 rows", { limit: 50, cursor: deepCursor }],
    [
      "one day, 100 days back",
      { limit: 50, from: day.toISOString(), to: new Date(day.getTime() + 86_400_000).toISOString() },
    ],
    ["legacy + handed off", { limit: 50, engine: "legacy", handoff: true }],
    ["status no_answer", { limit: 50, status: "no_answer" }],
  ];
  for (const [name, input] of cases) {
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const start = performance.now();
      await page(input);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    lines.push(
      `history ${name.padEnd(24)} median ${times[10]?.toFixed(1)} ms, p95 ${times[19]?.toFixed(1)} ms (21 runs)`,
    );
  }
  return lines;
}
