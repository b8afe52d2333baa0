import { DEMO, type Prisma } from "@koe/db";
import { describe, expect, it } from "vitest";
import { screenshot } from "./browser.ts";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** A short call, so that a run of a few calls plays in seconds. */
const SHORT = {
  name: "営業時間の確認",
  description: "営業時間だけを尋ねる短い通話",
  callerNumber: "+819011112222",
  steps: [
    { speaker: "agent", say: "はい、デモ株式会社です。" },
    { speaker: "caller", say: "営業時間は何時までですか。", pauseMs: 300 },
    { speaker: "agent", say: "十八時まででございます。" },
  ],
  expectations: [
    { kind: "tool_not_called", tool: "schedule_appointment" },
    { kind: "handoff", requested: false },
    { kind: "caller_cer", max: 0.1 },
  ],
};

/** Issue 15: test scenarios edited, a run watched live, two runs compared. */
describe("evaluation: test scenarios, runs and their comparison", () => {
  const koe = koeInBrowser();

  it("edits a test scenario, refusing an unknown tool in Japanese", async () => {
    const page = koe.page;
    await logIn(page, DEMO.adminEmail);
    await page.getByRole("link", { name: /評価/ }).click();
    const table = page.getByTestId("scenario-table");
    await table.getByText("怒っているお客様", { exact: true }).waitFor();
    await table
      .getByRole("row")
      .filter({ hasText: "怒っているお客様" })
      .getByRole("button", { name: "編集" })
      .click();
    const editor = page.getByRole("dialog", { name: "テストシナリオを編集" });
    await editor.getByLabel("名前").fill("怒っているお客様(強め)");
    await editor.getByRole("button", { name: "+ 期待値を追加" }).click();
    const added = editor.getByTestId("scenario-expectation").last();
    await added.getByLabel("ツール", { exact: true }).fill("refund_payment");
    await screenshot(page, "evals-scenario-editor");
    await editor.getByRole("button", { name: "保存" }).click();
    await editor
      .getByText("ツール「refund_payment」はこのエージェントにありません。", { exact: false })
      .waitFor();
    await added.getByLabel("ツール", { exact: true }).fill("schedule_appointment");
    await editor.getByRole("button", { name: "保存" }).click();
    await page.getByText("「怒っているお客様(強め)」を保存しました").waitFor();
    await table.getByText("怒っているお客様(強め)", { exact: true }).waitFor();
    await screenshot(page, "evals-scenarios");
    const stored = await koe.stack.db.prisma.testScenario.findFirstOrThrow({
      where: { name: "怒っているお客様(強め)" },
    });
    expect(stored.expectations).toContainEqual({ kind: "tool_called", tool: "schedule_appointment" });
  });

  it("starts a run and shows it live, then each call's verdicts; the calls show as テスト on /calls", async () => {
    const page = koe.page;
    await koe.stack.db.prisma.testScenario.create({
      data: {
        companyId: DEMO.companyId,
        agentId: DEMO.agentId,
        ...SHORT,
        steps: SHORT.steps as Prisma.InputJsonValue,
        expectations: SHORT.expectations as Prisma.InputJsonValue,
      },
    });
    await page.goto(`/evals?agent=${DEMO.agentId}&tab=runs`);
    await page.getByRole("button", { name: "評価を実行" }).click();
    const dialog = page.getByRole("dialog", { name: "評価を実行" });
    await dialog.getByLabel("テストシナリオ").click();
    await page.getByRole("option", { name: "営業時間の確認" }).click();
    await dialog.getByLabel("通話数", { exact: true }).fill("3");
    await dialog.getByLabel("同時通話数", { exact: true }).fill("1");
    await dialog.getByRole("button", { name: "開始" }).click();

    // Live: the run's page moves while it plays, without a reload.
    const progress = page.getByTestId("run-progress");
    await page.getByTestId("run-status").getByText("実行中").waitFor();
    await progress.getByText("1 / 3 通話").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("run-status").textContent()).toBe("実行中");
    await screenshot(page, "evals-run-live");
    await progress.getByText("3 / 3 通話").waitFor({ timeout: 60_000 });
    await page.getByTestId("run-status").getByText("完了").waitFor();
    await progress.getByText("合格 3").waitFor();
    await page.getByTestId("run-figures").getByText("文字起こし精度").waitFor();
    await page.getByTestId("run-calls").getByText("通話 1").click();
    await page.getByText("schedule_appointment は呼ばれませんでした").first().waitFor();
    await screenshot(page, "evals-run");

    await page.goto("/calls");
    await page.getByTestId("test-call-badge").first().waitFor();
  });

  it("compares two runs side by side", async () => {
    const page = koe.page;
    await page.goto(`/evals?agent=${DEMO.agentId}&tab=runs`);
    await page.getByRole("button", { name: "評価を実行" }).click();
    const dialog = page.getByRole("dialog", { name: "評価を実行" });
    await dialog.getByLabel("テストシナリオ").click();
    await page.getByRole("option", { name: "営業時間の確認" }).click();
    await dialog.getByLabel("通話数", { exact: true }).fill("2");
    await dialog.getByLabel("同時通話数", { exact: true }).fill("2");
    await dialog.getByRole("button", { name: "開始" }).click();
    await page.getByTestId("run-status").getByText("完了").waitFor({ timeout: 60_000 });

    await page.goto(`/evals?agent=${DEMO.agentId}&tab=runs`);
    const rows = page.getByTestId("run-table").getByRole("checkbox");
    await rows.nth(0).check();
    await rows.nth(1).check();
    await page.getByRole("button", { name: "選んだ2件を比較" }).click();
    const metrics = page.getByTestId("compare-metrics");
    await metrics.getByText("合格率").waitFor();
    await metrics.getByText("差 (B − A)").waitFor();
    await page.getByTestId("compare-expectations").getByText("担当者へ引き継がない").waitFor();
    expect(await page.getByTestId("compare-expectations").getByText("100% (2/2)").count()).toBeGreaterThan(0);
    await screenshot(page, "evals-compare");

    // The rollout page gates on the current version's latest run.
    await page.goto("/rollout");
    await page.getByTestId("eval-gate").getByText("評価実行を開く").waitFor();
    await screenshot(page, "rollout-eval-gate");
  });
});
