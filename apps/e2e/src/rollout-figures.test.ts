import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { describe, expect, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** Issue 17, points 7, 8, 9 and 16: the rollout page's numbers tell the truth, in user words. */
describe("the rollout page's figures", () => {
  const koe = koeInBrowser();

  it("shows legacy latency and cost for what they are, and no target verdict on a handful of calls", async () => {
    const prisma = koe.stack.db.prisma;
    const startedAt = new Date(Date.now() - 3_600_000);
    const call = async (engine: "realtime" | "legacy", latencyMs: number, costUsd: number) => {
      const row = await insertTestCall(prisma, { status: "completed", engine, costUsd, startedAt });
      await prisma.callEvent.create({
        data: {
          callSessionId: row.id,
          companyId: DEMO.companyId,
          type: "turn_latency",
          payload: { turn: 0, latencyMs },
        },
      });
    };
    for (const latency of [280, 290, 300]) await call("realtime", latency, 0.2);
    for (const latency of [30, 34]) await call("legacy", latency, 0);

    await logIn(koe.page, DEMO.adminEmail);
    await koe.page.goto("/rollout");
    const table = koe.page.getByTestId("engine-metrics");
    const row = (name: string) => table.getByRole("row").filter({ hasText: name });
    await row("平均応答時間").getByText("32 ms ※", { exact: true }).waitFor();
    // Three and two calls: each figure shows its n, and none is judged against its target.
    expect(await table.getByText("達成", { exact: true }).count()).toBe(0);
    expect(await table.getByText("未達", { exact: true }).count()).toBe(0);
    await row("完了率").getByText("n = 3", { exact: true }).waitFor();
    expect(await row("完了率").getByText("件数不足", { exact: true }).count()).toBe(2);
    await koe.page
      .getByText("※ 従来エンジンの応答時間は Koe のサーバー内の処理時間だけです", { exact: false })
      .waitFor();
    // Legacy cost: not measured, never $0.00.
    await row("平均費用").getByText("未計測", { exact: true }).waitFor();
    expect(await row("平均費用").getByText("$0.00", { exact: false }).count()).toBe(0);
  });

  it("explains the kill switch in user words: what it does and who can switch it", async () => {
    await koe.page.getByText("キルスイッチ(緊急停止)", { exact: true }).waitFor();
    await koe.page
      .getByText("すべての通話を従来エンジンに戻すためのスイッチです", { exact: false })
      .waitFor();
    await koe.page
      .getByText("切り替えられるのは Koe のサーバーを管理するシステム管理者だけです", { exact: false })
      .waitFor();
    expect(await koe.page.getByText("ENABLE_REALTIME_API", { exact: false }).count()).toBe(0);
  });
});
