import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { describe, expect, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** Issue 17, points 7, 8, 9, 15 and 16: the rollout page's numbers tell the truth, in user words. */
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

  it("sets the guardrail, and shows the last automatic rollback and the open alerts", async () => {
    const prisma = koe.stack.db.prisma;
    await prisma.operatorAlert.create({
      data: {
        companyId: DEMO.companyId,
        kind: "rollout_auto_rollback",
        message: "ロールアウト率を自動で 0% に戻しました",
        details: {
          metric: "error_rate",
          value: 0.25,
          threshold: 0.1,
          samples: 40,
          windowStart: new Date(Date.now() - 900_000).toISOString(),
          windowEnd: new Date().toISOString(),
          previousPercentage: 20,
          auditLogId: "1",
        },
      },
    });
    await koe.page.reload();
    const card = koe.page.getByTestId("guardrail-card");
    const rollback =
      "エラー率が 25% になり上限 10% を超えたため(40 件の通話)、ロールアウト率を 20% から 0% に戻しました。";
    await card.getByText("未確認のお知らせ(1 件)", { exact: true }).waitFor();
    expect(await card.getByText(rollback, { exact: false }).count()).toBe(2);
    await card.getByRole("button", { name: "確認済みにする" }).click();
    await card.getByText("未確認のお知らせ(0 件)", { exact: true }).waitFor();

    await card.getByLabel("自動ロールバックを有効にする").check();
    await card.getByLabel("判定に使う期間").fill("30");
    await card.getByLabel("エラー率の上限").fill("5");
    await card.getByLabel("応答時間の上限(P95)").fill("1200");
    await card.getByRole("button", { name: "ガードレールを保存" }).click();
    await koe.page.getByText("ガードレールを保存しました", { exact: true }).waitFor();
    expect(
      await prisma.rolloutConfig.findUniqueOrThrow({ where: { companyId: DEMO.companyId } }),
    ).toMatchObject({
      guardrailEnabled: true,
      guardrailWindowMinutes: 30,
      guardrailMaxErrorRate: 0.05,
      guardrailMaxP95LatencyMs: 1200,
    });
  });
});
