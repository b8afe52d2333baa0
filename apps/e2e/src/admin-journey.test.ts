import { DEMO } from "@koe/db";
import { demoConversationSettings } from "@koe/db/testing";
import { SCENARIOS } from "@koe/sim";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot } from "./browser.ts";
import { PASSWORD, type Stack, startStack } from "./stack.ts";

async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(PASSWORD);
  await screenshot(page, "login");
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.getByRole("heading", { name: "ライブモニター" }).waitFor();
}

describe("the admin SPA, built, against the real api and bridge", () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
    page = await openPage(browser, stack.webUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("logs an admin in and shows every page in the navigation", async () => {
    await logIn(page, DEMO.adminEmail);
    const nav = page.locator(".mantine-AppShell-navbar");
    for (const label of ["ライブモニター", "通話履歴", "セールスピッチ設定", "ロールアウト"]) {
      await nav.getByText(label, { exact: true }).waitFor();
    }
  });

  it("changes voice, speed and prompt, saves them, and keeps them after a reload", async () => {
    await page.goto("/settings/sales-pitch");
    await page.getByText("Realtime API設定", { exact: true }).waitFor();
    await page.getByTestId("engine-badge").waitFor();

    await page.getByTestId("voice-select").click();
    await page.getByRole("option", { name: "cedar(おすすめ)" }).click();
    const speed = page.getByRole("slider", { name: "話速" });
    await speed.focus();
    await speed.press("Home");
    for (let i = 0; i < 4; i++) await speed.press("ArrowRight");
    await expect.poll(() => page.getByTestId("speed-value").textContent()).toBe("0.70x");
    const prompt = "あなたは{{company_name}}の受付です。{{customer_name}}様に丁寧な敬語でお話しします。";
    await page.getByLabel("システムプロンプト").fill(prompt);
    await page.getByText("保存されていない変更があります").waitFor();
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("すべての変更は保存済みです").waitFor();

    await page.reload();
    await page.getByText("Realtime API設定", { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId("voice-select").inputValue()).toBe("cedar(おすすめ)");
    expect(await page.getByTestId("speed-value").textContent()).toBe("0.70x");
    expect(await page.getByLabel("システムプロンプト").inputValue()).toBe(prompt);
    await page.getByRole("tab", { name: "プレビュー" }).click();
    await page
      .getByTestId("prompt-preview")
      .getByText("あなたはデモ株式会社の受付です。", { exact: false })
      .waitFor();
    await page.getByRole("tab", { name: "編集" }).click();
    await screenshot(page, "sales-pitch");
  });

  it("generates a prompt from the legacy settings, shows the diff, and saves it once accepted", async () => {
    await page.getByRole("button", { name: "既存設定から生成" }).click();
    const dialog = page.getByRole("dialog", { name: "既存設定からシステムプロンプトを生成" });
    const accept = dialog.getByRole("button", { name: "この内容を採用" });
    await dialog.getByRole("tab", { name: "差分" }).waitFor();
    await screenshot(page, "sales-pitch-generate");
    await accept.click();
    await dialog.waitFor({ state: "hidden" });
    const editor = page.getByLabel("システムプロンプト");
    expect(await editor.inputValue()).toContain(demoConversationSettings.greeting);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("すべての変更は保存済みです").waitFor();
    await page.reload();
    await expect
      .poll(() => page.getByLabel("システムプロンプト").inputValue())
      .toContain(demoConversationSettings.greeting);
  });

  it("shows a simulated call live on /monitor, with its transcript as it is spoken", async () => {
    await page.goto("/monitor");
    await page.getByText("現在進行中の通話はありません。").waitFor();
    const call = stack.call(SCENARIOS.booking);
    await page.getByTestId("active-call").first().waitFor();
    const feed = page.getByTestId("conversation-feed");
    await feed.getByText("来週の火曜日の午後三時に予約をお願いしたいのですが。").waitFor({ timeout: 60_000 });
    await feed.locator('[data-role="agent"]').first().waitFor();
    await screenshot(page, "monitor");
    const result = await call;
    expect(result.turns.length).toBeGreaterThan(0);
    await page.getByText("現在進行中の通話はありません。").waitFor({ timeout: 30_000 });
  });

  it("finds the call in /calls and shows its latency per turn", async () => {
    await page.goto("/calls");
    const table = page.getByTestId("history-table");
    await table.waitFor();
    await screenshot(page, "calls");
    await table.getByRole("link").first().click();
    await page.getByText("ターンごとの応答時間").waitFor();
    await expect.poll(() => page.getByTestId("latency-average").textContent()).toMatch(/^平均 \d+ ms$/);
    await page.getByTestId("turn-latency").first().waitFor();
    await page
      .getByTestId("conversation-feed")
      .getByText("来週の火曜日の午後三時に予約をお願いしたいのですが。")
      .waitFor();
    await screenshot(page, "call-detail");
  });

  it("changes the rollout percentage after a confirmation and lists the audit entry", async () => {
    await page.goto("/rollout");
    await page.getByTestId("engine-metrics").waitFor();
    await page.locator(".mantine-SegmentedControl-root").first().getByText("10%", { exact: true }).click();
    await page.getByLabel("変更理由(監査ログに残ります)").fill("E2E: 10% で様子を見る");
    await page.getByRole("button", { name: "ロールアウト率を変更" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "変更する" }).click();
    await expect.poll(() => page.getByTestId("current-percentage").textContent()).toBe("10%");
    const audit = page.getByTestId("audit-history");
    await audit.getByText("100% → 10%").waitFor();
    await audit.getByText("E2E: 10% で様子を見る").waitFor();
    await screenshot(page, "rollout");
  });

  it("shows an operator only the monitor and the history", async () => {
    const operator = await openPage(browser, stack.webUrl);
    await logIn(operator, DEMO.operatorEmail);
    const nav = operator.locator(".mantine-AppShell-navbar");
    await nav.getByText("通話履歴", { exact: true }).waitFor();
    expect(await nav.getByText("セールスピッチ設定").count()).toBe(0);
    await operator.goto("/rollout");
    await operator.getByRole("heading", { name: "ライブモニター" }).waitFor();
    await operator.context().close();
  });
});
