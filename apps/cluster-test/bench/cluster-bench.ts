// `./koe bench cluster`: what one simulated call costs PostgreSQL (transactions and rows written,
// CallEvent rows by type) and what a live event costs an api process as subscribers grow, measured
// on the built bridge and api as deployed (docs/CAPACITY.md uses these figures). Needs DATABASE_URL.
//   --calls 3            simulated calls (the booking scenario), one after another
//   --events 200         events appended per fan-out run
//   --subscribers 1,10,50
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { SCENARIOS } from "@koe/sim";
import { type Cluster, PASSWORD, startCluster } from "../src/cluster-stack.ts";
import { subscribeCallEvents } from "../src/live-subscriber.ts";

const { values: args } = parseArgs({
  options: {
    calls: { type: "string", default: "3" },
    events: { type: "string", default: "200" },
    subscribers: { type: "string", default: "1,10,50" },
  },
});
if (!process.env.DATABASE_URL) {
  console.log("cluster bench: skipped, it measures PostgreSQL (set DATABASE_URL)");
  process.exit(0);
}

type DbStats = { commits: number; inserted: number; updated: number; deleted: number };

async function dbStats(cluster: Cluster): Promise<DbStats> {
  // Other backends report their counts at most once a second: wait for them.
  await sleep(1_500);
  const [row] = await cluster.db.prisma.$queryRaw<
    { commits: bigint; inserted: bigint; updated: bigint; deleted: bigint }[]
  >`SELECT xact_commit AS commits, tup_inserted AS inserted, tup_updated AS updated, tup_deleted AS deleted
    FROM pg_stat_database WHERE datname = current_database()`;
  if (!row) throw new Error("no pg_stat_database row");
  return {
    commits: Number(row.commits),
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    deleted: Number(row.deleted),
  };
}

const diff = (a: DbStats, b: DbStats, per: number) =>
  `${((b.commits - a.commits) / per).toFixed(1)} commits, ${((b.inserted - a.inserted) / per).toFixed(1)} rows inserted, ` +
  `${((b.updated - a.updated) / per).toFixed(1)} updated, ${((b.deleted - a.deleted) / per).toFixed(1)} deleted`;

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const cluster = await startCluster({ bridges: 1, apis: 1 });
try {
  const idleSeconds = 10;
  const idleStart = await dbStats(cluster);
  await sleep(idleSeconds * 1_000);
  const idleEnd = await dbStats(cluster);
  console.log(`idle, per second (1 bridge lease, 1 api): ${diff(idleStart, idleEnd, idleSeconds + 1.5)}`);

  const calls = Number(args.calls);
  const before = await dbStats(cluster);
  const started = Date.now();
  for (let i = 0; i < calls; i++) {
    const result = await cluster.call(SCENARIOS.booking);
    if (result.error) throw new Error(`call ${i + 1} failed: ${result.error}`);
  }
  // The bridge finishes a call's row a few seconds after the caller hangs up (a last transcription).
  await sleep(6_000);
  const after = await dbStats(cluster);
  const seconds = (Date.now() - started) / 1_000 + 1.5;
  const idlePerSecond = (key: keyof DbStats) => (idleEnd[key] - idleStart[key]) / (idleSeconds + 1.5);
  const net = (key: keyof DbStats) => (after[key] - before[key] - idlePerSecond(key) * seconds) / calls;
  console.log(
    `per booking call (${calls} calls, background subtracted): ${net("commits").toFixed(1)} commits, ` +
      `${net("inserted").toFixed(1)} rows inserted, ${net("updated").toFixed(1)} updated, ${net("deleted").toFixed(1)} deleted`,
  );
  const byType = await cluster.db.prisma.callEvent.groupBy({ by: ["type"], _count: { _all: true } });
  console.log(
    `CallEvent rows per call: ${(byType.reduce((sum, row) => sum + row._count._all, 0) / calls).toFixed(1)} (${byType
      .map((row) => `${row.type} ${(row._count._all / calls).toFixed(1)}`)
      .join(", ")})`,
  );

  const api = cluster.apis[0];
  if (!api) throw new Error("no api");
  const signIn = await fetch(`${cluster.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: cluster.url },
    body: JSON.stringify({ email: DEMO.adminEmail, password: PASSWORD }),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
  const events = Number(args.events);
  for (const count of args.subscribers.split(",").map(Number)) {
    // A call of its own per run, with no events yet: a subscriber's first events are the ones timed.
    const call = await insertTestCall(cluster.db.prisma, { status: "active" });
    const subscribers = Array.from({ length: count }, () => subscribeCallEvents(api.url, cookie, call.id));
    await Promise.all(subscribers.map((s) => s.ready));
    const cpuBefore = cpuSeconds(api.pid);
    const t0 = Date.now();
    for (let i = 0; i < events; i++) {
      await cluster.db.prisma.callEvent.create({
        data: {
          ...{ callSessionId: call.id, companyId: call.companyId },
          type: "transcript",
          payload: { role: "caller", text: `line ${i}`, truncated: false },
        },
      });
      await sleep(10);
    }
    while (subscribers.some((s) => s.received() < events)) await sleep(50);
    const cpu = cpuSeconds(api.pid) - cpuBefore;
    const wall = (Date.now() - t0) / 1_000;
    for (const s of subscribers) s.close();
    console.log(
      `live fan-out, ${String(count).padStart(3)} subscribers: api CPU ${((cpu * 1e6) / events).toFixed(0)} µs per event ` +
        `(${((cpu * 1e6) / (events * count)).toFixed(0)} µs per delivery), ${events} events in ${wall.toFixed(1)} s`,
    );
  }
} finally {
  await cluster.close();
}
