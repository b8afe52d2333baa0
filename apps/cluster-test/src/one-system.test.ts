import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { DEMO, LIVE_CALL_STATUSES } from "@koe/db";
import { type CallResult, scenarioSchema } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cluster, LEASE, PASSWORD, startCluster, streamInstance } from "./cluster-stack.ts";
import { type LiveSubscriber, subscribeActiveCalls } from "./live-subscriber.ts";

const CALLS = 20;
/** A call long enough to be in progress on every bridge when one of them is killed. */
const LONG_CALL = scenarioSchema.parse({
  name: "cluster-call",
  description: "A caller thinks for a while before asking, then thanks the agent.",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。デモ株式会社でございます。" },
    { speaker: "caller", say: "予約の確認をお願いしたいのですが。", pauseMs: 20_000 },
    { speaker: "agent", say: "かしこまりました。確認いたします。" },
    { speaker: "caller", say: "ありがとうございます。" },
    { speaker: "agent", say: "お電話ありがとうございました。失礼いたします。" },
  ],
});
/** What the bridge says when every line of the company is busy (apps/bridge/src/twilio/voice-webhook.ts). */
const LINES_BUSY = /回線が大変混み合って/;

/** Waits (generously: the machine is shared) until `probe` returns a value. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  explain: () => Promise<string> | string = () => "",
): Promise<T> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await sleep(250);
  }
  throw new Error(`gave up waiting for ${what}\n${await explain()}`);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const callSid = () => `CA${randomBytes(16).toString("hex")}`;

describe.runIf(process.env.DATABASE_URL)(
  "three bridges and two apis behind HAProxy on one PostgreSQL",
  () => {
    let cluster: Cluster;
    let cookie: string;
    beforeAll(async () => {
      cluster = await startCluster({ bridges: 3, apis: 2 });
      const res = await fetch(`${cluster.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: cluster.url },
        body: JSON.stringify({ email: DEMO.adminEmail, password: PASSWORD }),
      });
      // Once seen refused (401) on a loaded CI run: say why, with what the apis logged.
      if (res.status !== 200)
        throw new Error(`sign-in answered ${res.status}: ${await res.text()}\n${processOutput()}`);
      cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
    });
    afterAll(async () => {
      await cluster?.close();
    });

    /** What the processes logged, for a failure's message. */
    const processOutput = () =>
      [...cluster.bridges, ...cluster.apis, { name: "haproxy", output: cluster.haproxy.output }]
        .map((app) => `--- ${app.name}\n${app.output.join("").slice(-4_000)}`)
        .join("\n");

    const live = (callSids: string[]) =>
      cluster.db.prisma.callSession.findMany({
        where: { callSid: { in: callSids } },
        select: {
          id: true,
          callSid: true,
          status: true,
          endReason: true,
          streamSid: true,
          bridgeInstance: true,
        },
      });

    it("runs twenty calls as one system: lines, live events, a killed process and a stream that lands elsewhere", async () => {
      const { prisma } = cluster.db;
      await prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: CALLS } });
      // A browser-side subscriber on each api process, as /monitor subscribes.
      const subscribers: LiveSubscriber[] = cluster.apis.map((api) => subscribeActiveCalls(api.url, cookie));
      await Promise.all(subscribers.map((s) => s.ready));

      const victim = cluster.bridges[0];
      if (!victim) throw new Error("no bridge");
      const instanceOf = new Map<string, string | null>();
      const allAnswered = deferred();
      const streamsMayOpen = deferred();
      const victimKilled = deferred();
      let held: string | null = null;
      const sids = Array.from({ length: CALLS }, callSid);

      const calls: Promise<CallResult>[] = sids.map((sid) =>
        cluster.call(LONG_CALL, {
          callSid: sid,
          beforeStream: async (twiml) => {
            const instance = streamInstance(twiml);
            instanceOf.set(sid, instance);
            // One call the victim answered reaches its stream only once the victim is gone.
            if (instance === victim.name && held === null) held = sid;
            if (instanceOf.size === CALLS) allAnswered.resolve();
            await streamsMayOpen.promise;
            if (sid === held) await victimKilled.promise;
          },
          // Twilio reports the end only after the operator leg: not before the survivors reaped the call.
          beforeStatusCallback: async (result) => {
            if (instanceOf.get(sid) !== victim.name || sid === held || result.error === null) return;
            await eventually(`${sid} to be ended by the survivors`, async () => {
              const [row] = await live([sid]);
              return row && !LIVE_CALL_STATUSES.includes(row.status as never);
            });
          },
        }),
      );
      // A call that ends before all twenty are answered (e.g. its webhook fell back) would hold the rest forever.
      let answered = false;
      const endedEarly = Promise.race(
        calls.map((call) =>
          call.then((result) => {
            if (!answered)
              throw new Error(
                `${result.callSid} ended before every call was answered: ${JSON.stringify(result)}`,
              );
          }),
        ),
      );
      await Promise.race([allAnswered.promise, endedEarly]);
      answered = true;

      // Twenty calls spread over the three bridges, each holding one of the company's twenty lines.
      const instances = [...instanceOf.values()];
      for (const bridge of cluster.bridges) expect(instances).toContain(bridge.name);
      expect(
        await prisma.callSession.count({
          where: { companyId: DEMO.companyId, status: { in: [...LIVE_CALL_STATUSES] } },
        }),
      ).toBe(CALLS);
      // The twenty-first, -second and -third calls, one on each bridge: every line is busy in every process.
      const refused = await Promise.all([1, 2, 3].map(() => cluster.answer(callSid())));
      for (const twiml of refused) {
        expect(twiml.stream).toBeNull();
        expect(twiml.says.join("")).toMatch(LINES_BUSY);
      }
      // The log line reaches this process through the child's stdout pipe, a moment after the answer.
      for (const bridge of cluster.bridges)
        await eventually(
          `${bridge.name} to log that every line is busy`,
          async () => bridge.output.join("").includes("every line is busy"),
          () => bridge.output.join(""),
        );

      streamsMayOpen.resolve();
      const streaming = sids.filter((sid) => sid !== held);
      await eventually(
        "every stream but the held one to be claimed",
        async () => {
          const rows = await live(streaming);
          return rows.length === streaming.length && rows.every((row) => row.streamSid !== null);
        },
        async () => JSON.stringify(await live(streaming)) + processOutput(),
      );
      const victimCalls = streaming.filter((sid) => instanceOf.get(sid) === victim.name);
      expect(victimCalls.length).toBeGreaterThan(0);
      // Mid-call: both apis' monitors show every streaming call live. (Kill the victim sooner and the
      // events still queued in its journal die with it: its calls would then appear only as ended.)
      const streamingIds = (await live(streaming)).map((row) => row.id);
      await eventually(
        "every streaming call to be live on both subscribers",
        async () => subscribers.every((s) => streamingIds.every((id) => s.started().has(id))),
        () => subscribers.map((s) => JSON.stringify(s.messages).slice(0, 2_000)).join("\n"),
      );

      const killedAt = Date.now();
      await victim.kill();
      victimKilled.resolve();
      const reaped = await eventually("the survivors to end the killed process's calls", async () => {
        const rows = await live(victimCalls);
        return rows.every((row) => row.status === "interrupted") ? rows : undefined;
      });
      // The one timed assertion: the limit for the leases (here 12 s leases, renewed every second).
      expect(Date.now() - killedAt).toBeLessThan(30_000);
      expect(LEASE.ttlMs + LEASE.heartbeatMs).toBeLessThan(30_000);
      for (const row of reaped) expect(row.endReason).toBe("bridge_restarted");

      const results = new Map((await Promise.all(calls)).map((result) => [result.callSid, result]));
      // A call's row is final once its bridge has finished with it (a last transcription may be due).
      const finalRows = await eventually("every call's row to be final", async () => {
        const rows = await live(sids);
        return rows.every((row) => !LIVE_CALL_STATUSES.includes(row.status as never)) ? rows : undefined;
      });
      const rows = new Map(finalRows.map((row) => [row.callSid, row]));
      // The killed process's callers: the stream dropped, and Twilio goes on to the TwiML after
      // <Connect>, the operator path.
      for (const sid of victimCalls) {
        const result = results.get(sid);
        expect(result?.error, sid).toMatch(/closed the stream/);
        expect(result?.twiml.dial, sid).toBe("+81312345678");
      }
      // Every other call, the held one included, went on as if nothing had happened.
      const others = sids.filter((sid) => !victimCalls.includes(sid));
      // What a failure needs to be understood: the call's part, its row, and what the processes said about it.
      const about = (sid: string) =>
        JSON.stringify({
          sid,
          held: sid === held,
          answeredBy: instanceOf.get(sid),
          row: rows.get(sid),
          closeCode: results.get(sid)?.closeCode,
          logs: [...cluster.bridges, ...cluster.apis].flatMap((app) =>
            app.output
              .join("")
              .split("\n")
              .filter((line) => line.includes(sid))
              .map((line) => `${app.name}: ${line}`),
          ),
        });
      for (const sid of others) {
        const result = results.get(sid);
        expect(result?.error, about(sid)).toBeNull();
        expect(result?.closeCode, about(sid)).toBe(1000);
        expect(
          result?.turns.map((turn) => turn.firstAgentAudioMs !== null),
          sid,
        ).toEqual([true, true]);
        expect(rows.get(sid)?.status, sid).toBe("completed");
        expect(rows.get(sid)?.endReason, sid).toBe("caller_hung_up");
      }
      const otherIds = others.map((sid) => rows.get(sid)?.id ?? "");
      expect(
        await prisma.callEvent.count({ where: { callSessionId: { in: otherIds }, type: "error" } }),
      ).toBe(0);
      // The call the victim answered but never streamed: another process adopted it with a fresh session.
      expect(held).not.toBeNull();
      expect(rows.get(held ?? "")?.bridgeInstance).not.toBe(victim.name);
      expect(rows.get(held ?? "")?.bridgeInstance).toMatch(/^bridge-p[23]$/);

      // Both apis' subscribers saw every call start and end, whichever process ran it.
      const ids = [...rows.values()].map((row) => row.id);
      for (const subscriber of subscribers) {
        await eventually(
          "every call's start and end on the subscriber",
          async () => ids.every((id) => subscriber.started().has(id) && subscriber.ended().has(id)),
          () =>
            `not started: ${ids.filter((id) => !subscriber.started().has(id))}\nnot ended: ${ids.filter((id) => !subscriber.ended().has(id))}\nerror: ${subscriber.error()}\n${JSON.stringify(subscriber.messages).slice(0, 3_000)}`,
        );
        subscriber.close();
      }
    });

    it("holds the monthly budget from what every process spent", async () => {
      const { prisma } = cluster.db;
      const spent = await prisma.callSession.groupBy({
        by: ["bridgeInstance"],
        where: { companyId: DEMO.companyId },
        _sum: { costUsd: true },
      });
      const perProcess = spent.map((row) => Number(row._sum.costUsd ?? 0));
      const total = perProcess.reduce((sum, usd) => sum + usd, 0);
      // A budget no single process has spent, that all of them together have.
      const budget = Math.floor(total * 100) / 100;
      expect(budget).toBeGreaterThan(Math.max(...perProcess));
      await prisma.company.update({
        where: { id: DEMO.companyId },
        data: { monthlyBudgetUsd: budget, overBudgetAction: "use_legacy_engine" },
      });
      const sids = [callSid(), callSid(), callSid(), callSid()];
      for (const sid of sids) {
        const twiml = await cluster.answer(sid);
        expect(twiml.stream, sid).toBeNull();
        expect(twiml.gatherAction, sid).not.toBeNull();
      }
      const rows = await prisma.callSession.findMany({
        where: { callSid: { in: sids } },
        select: { engine: true, engineReason: true, bridgeInstance: true },
      });
      expect(rows.map((row) => [row.engine, row.engineReason])).toEqual(
        sids.map(() => ["legacy", "over_budget"]),
      );
      // Both surviving processes answered some of them.
      expect(new Set(rows.map((row) => row.bridgeInstance))).toEqual(new Set(["bridge-p2", "bridge-p3"]));
      await Promise.all(sids.map((sid) => cluster.hangUp(sid)));
    });
  },
);
