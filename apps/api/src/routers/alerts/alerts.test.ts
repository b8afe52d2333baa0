import { DEMO } from "@koe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, insertTestAlert } from "../../testing/api-harness.ts";
import { startSignedInApi } from "../../testing/served-api.ts";
import { readSse } from "../../testing/sse-client.ts";
import type { AlertView } from "./alert-view.ts";

describe("operator alerts", () => {
  let h: ApiHarness;
  let base: string;
  let cookie: string;
  let close: () => Promise<void>;
  const ids: string[] = [];
  beforeAll(async () => {
    ({ h, base, cookie, close } = await startSignedInApi(DEMO.operatorEmail));
    for (const n of [1, 2, 3])
      ids.push((await insertTestAlert(h.db, DEMO.companyId, `アラート${n}`)).id.toString());
  });
  afterAll(() => close());

  it("lists the company's alerts newest first, by page, with their parsed details", async () => {
    const operator = h.caller(h.users.operator);
    const first = await operator.alerts.list({ limit: 2 });
    expect(first.alerts.map((a) => a.message)).toEqual(["アラート3", "アラート2"]);
    expect(first.alerts[0]).toMatchObject({
      kind: "rollout_auto_rollback",
      details: { metric: "p95_turn_latency_ms", value: 1500, threshold: 800, previousPercentage: 50 },
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    const second = await operator.alerts.list({ limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ alerts: [{ message: "アラート1" }], nextCursor: null });
    // The other company's alert is never among them.
    expect([...first.alerts, ...second.alerts].map((a) => a.id)).not.toContain(h.other.alertId);
  });

  it("acknowledges an alert once, by whom and when, and filters the unacknowledged", async () => {
    const operator = h.caller(h.users.operator);
    const acknowledged = await operator.alerts.acknowledge({ alertId: ids[1] ?? "" });
    expect(acknowledged).toMatchObject({ id: ids[1], acknowledgedBy: { id: h.users.operator.id } });
    expect(Date.parse(acknowledged.acknowledgedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    // A second acknowledgement keeps the first one's who and when.
    const again = await h.caller(h.users.admin).alerts.acknowledge({ alertId: ids[1] ?? "" });
    expect(again).toEqual(acknowledged);
    const open = await operator.alerts.list({ unacknowledged: true });
    expect(open.alerts.map((a) => a.id)).toEqual([ids[2], ids[0]]);
    await expect(operator.alerts.acknowledge({ alertId: "999999" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("delivers the unacknowledged alerts, then new ones live over SSE, and resumes after the last one seen", async () => {
    const received: { id: string; alert: AlertView }[] = [];
    const url = `${base}/trpc/live.alerts`;
    const collect = (headers: Record<string, string>, until: number) =>
      readSse(url, { cookie, ...headers }, (m) => {
        if (m.id) received.push({ id: m.id, alert: m.data as AlertView });
        return received.length < until;
      });
    // A fresh start: the two alerts nobody acknowledged, then one the bridge writes meanwhile.
    const reading = collect({}, 3);
    await new Promise((r) => setTimeout(r, 200));
    const live = await insertTestAlert(h.db, DEMO.companyId, "ライブ");
    await insertTestAlert(h.db, h.other.companyId, "他社のライブ");
    await reading;
    expect(received.map((r) => r.id)).toEqual([ids[0], ids[2], live.id.toString()]);
    expect(received[2]?.alert).toMatchObject({ message: "ライブ", id: live.id.toString() });

    // Away for a while: two more alerts; the reconnect brings exactly those.
    const missed = [
      await insertTestAlert(h.db, DEMO.companyId, "不在中1"),
      await insertTestAlert(h.db, DEMO.companyId, "不在中2"),
    ];
    await collect({ "last-event-id": live.id.toString() }, 5);
    expect(received.map((r) => r.id).slice(3)).toEqual(missed.map((m) => m.id.toString()));
  });

  it.runIf(process.env.DATABASE_URL)(
    "waits for an alert whose insert commits after a newer one, so a resume skips nothing",
    async () => {
      const received: string[] = [];
      const start = (await h.db.prisma.operatorAlert.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      const reading = readSse(
        `${base}/trpc/live.alerts`,
        { cookie, "last-event-id": start.toString() },
        (m) => {
          if (m.id) received.push(m.id);
          return received.length < 2;
        },
      );
      let late = "";
      let early = "";
      // The first insert takes its id, then commits only after the second has committed.
      await h.db.prisma.$transaction(async (tx) => {
        late = (
          await tx.operatorAlert.create({ data: alertData("遅いコミット"), select: { id: true } })
        ).id.toString();
        early = (await insertTestAlert(h.db, DEMO.companyId, "先のコミット")).id.toString();
        await new Promise((r) => setTimeout(r, 300));
      });
      await reading;
      expect(received).toEqual([late, early]);
    },
  );
});

function alertData(message: string) {
  return { companyId: DEMO.companyId, kind: "rollout_auto_rollback" as const, message, details: {} };
}
