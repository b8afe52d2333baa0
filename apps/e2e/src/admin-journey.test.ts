import { DEMO } from "@koe/db";
import { demoConversationSettings } from "@koe/db/testing";
import { SCENARIOS } from "@koe/sim";
import { describe, expect, it } from "vitest";
import { openPage, screenshot } from "./browser.ts";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

describe("the admin SPA, built, against the real api and bridge", () => {
  const koe = koeInBrowser();

  it("logs an admin in and shows every page in the navigation", async () => {
    await logIn(koe.page, DEMO.adminEmail, "login");
    const nav = koe.page.locator(".mantine-AppShell-navbar");
    for (const label of ["ライブモニター", "通話履歴", "セールスピッチ設定", "ロールアウト"]) {
      await nav.getByText(label, { exact: true }).waitFor();
    }
  });

  it("changes voice, speed and prompt, saves them, and keeps them after a reload", async () => {
    await koe.page.goto("/settings/sales-pitch");
    await koe.page.getByText("Realtime API設定", { exact: true }).waitFor();
    await koe.page.getByTestId("engine-badge").waitFor();

    await koe.page.getByTestId("voice-select").click();
    await koe.page.getByRole("option", { name: "cedar(おすすめ)" }).click();
    const speed = koe.page.getByRole("slider", { name: "話速" });
    await speed.focus();
    await speed.press("Home");
    for (let i = 0; i < 4; i++) await speed.press("ArrowRight");
    await expect.poll(() => koe.page.getByTestId("speed-value").textContent()).toBe("0.70x");
    const prompt = "あなたは{{company_name}}の受付です。{{customer_name}}様に丁寧な敬語でお話しします。";
    await koe.page.getByLabel("システムプロンプト").fill(prompt);
    await koe.page.getByText("保存されていない変更があります").waitFor();
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await koe.page.getByText("すべての変更は保存済みです").waitFor();

    await koe.page.reload();
    await koe.page.getByText("Realtime API設定", { exact: true }).waitFor();
    await expect.poll(() => koe.page.getByTestId("voice-select").inputValue()).toBe("cedar(おすすめ)");
    expect(await koe.page.getByTestId("speed-value").textContent()).toBe("0.70x");
    expect(await koe.page.getByLabel("システムプロンプト").inputValue()).toBe(prompt);
    await koe.page.getByRole("tab", { name: "プレビュー" }).click();
    await koe.page
      .getByTestId("prompt-preview")
      .getByText("あなたはデモ株式会社の受付です。", { exact: false })
      .waitFor();
    await koe.page.getByRole("tab", { name: "編集" }).click();
    await screenshot(koe.page, "sales-pitch");
  });

  it("generates a prompt from the legacy settings, shows the diff, and saves it once accepted", async () => {
    await koe.page.getByRole("button", { name: "既存設定から生成" }).click();
    const dialog = koe.page.getByRole("dialog", { name: "既存設定からシステムプロンプトを生成" });
    const accept = dialog.getByRole("button", { name: "この内容を採用" });
    await dialog.getByRole("tab", { name: "差分" }).waitFor();
    await screenshot(koe.page, "sales-pitch-generate");
    await accept.click();
    await dialog.waitFor({ state: "hidden" });
    const editor = koe.page.getByLabel("システムプロンプト");
    expect(await editor.inputValue()).toContain(demoConversationSettings.greeting);
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await koe.page.getByText("すべての変更は保存済みです").waitFor();
    await koe.page.reload();
    await expect
      .poll(() => koe.page.getByLabel("システムプロンプト").inputValue())
      .toContain(demoConversationSettings.greeting);
  });

  it("adds a keyword template with synonyms, keeps it after a reload, and edits and removes templates", async () => {
    const saveState = koe.page.getByTestId("save-state");
    await koe.page.getByRole("button", { name: "テンプレートを追加" }).click();
    const added = koe.page.getByRole("group", { name: "テンプレート 5" });
    const keyword = added.getByLabel("キーワード", { exact: true });
    await keyword.fill("料金");
    await added.getByText("「料金」は2件目のテンプレートと重複しています").waitFor();
    await keyword.fill("キャンセル");
    const synonyms = added.getByLabel("同義語", { exact: true });
    for (const synonym of ["取り消し", "解約"]) {
      await synonyms.fill(synonym);
      await synonyms.press("Enter");
    }
    await added.getByLabel("応答", { exact: true }).fill("キャンセルの件、承知いたしました。");
    await added.getByLabel("動作", { exact: true }).click();
    await koe.page.getByRole("option", { name: "終話" }).click();
    await expect.poll(() => saveState.textContent()).toBe("保存されていない変更があります");
    await koe.page.getByRole("button", { name: "既存設定から生成" }).click();
    const generate = koe.page.getByRole("dialog", { name: "既存設定からシステムプロンプトを生成" });
    await generate.getByText("キーワードテンプレートに未保存の変更があります", { exact: false }).waitFor();
    await generate.getByRole("button", { name: "破棄" }).click();
    await generate.waitFor({ state: "hidden" });
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await expect.poll(() => saveState.textContent()).toBe("すべての変更は保存済みです");

    await koe.page.reload();
    await koe.page.getByText("キーワードテンプレート(5 件)").waitFor();
    await koe.page.getByRole("button", { name: /^キャンセル/ }).click();
    const kept = koe.page.getByRole("group", { name: "テンプレート 5" });
    expect(await kept.getByLabel("キーワード", { exact: true }).inputValue()).toBe("キャンセル");
    for (const synonym of ["取り消し", "解約"]) await kept.getByText(synonym, { exact: true }).waitFor();
    expect(await kept.getByLabel("動作", { exact: true }).inputValue()).toBe("終話");

    await koe.page.getByRole("button", { name: /^営業時間/ }).click();
    await koe.page
      .getByRole("group", { name: "テンプレート 3" })
      .getByRole("button", { name: "このテンプレートを削除" })
      .click();
    await koe.page.getByText("キーワードテンプレート(4 件)").waitFor();
    await koe.page.getByRole("button", { name: "変更を元に戻す" }).click();
    await koe.page.getByText("キーワードテンプレート(5 件)").waitFor();
    await expect.poll(() => saveState.textContent()).toBe("すべての変更は保存済みです");

    await koe.page.getByRole("button", { name: /^営業時間/ }).click();
    await koe.page
      .getByRole("group", { name: "テンプレート 3" })
      .getByRole("button", { name: "このテンプレートを削除" })
      .click();
    await koe.page.getByRole("button", { name: /^キャンセル/ }).click();
    await koe.page
      .getByRole("group", { name: "テンプレート 4" })
      .getByLabel("応答", { exact: true })
      .fill("キャンセルを承りました。");
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await expect.poll(() => saveState.textContent()).toBe("すべての変更は保存済みです");

    await koe.page.reload();
    await koe.page.getByText("キーワードテンプレート(4 件)").waitFor();
    expect(await koe.page.getByRole("button", { name: /^営業時間/ }).count()).toBe(0);
    await koe.page.getByRole("button", { name: /^キャンセル/ }).click();
    expect(
      await koe.page
        .getByRole("group", { name: "テンプレート 4" })
        .getByLabel("応答", { exact: true })
        .inputValue(),
    ).toBe("キャンセルを承りました。");
  });

  it("starts from an empty template list when the stored one cannot be read, and saving replaces it", async () => {
    await koe.stack.db.prisma.agent.update({
      where: { id: DEMO.agentId },
      data: { keywordTemplates: [{ bad: 1 }] },
    });
    await koe.page.reload();
    await koe.page
      .getByText("保存済みのキーワードテンプレートを読み取れなかったため", { exact: false })
      .waitFor();
    await koe.page.getByText("キーワードテンプレート(0 件)").waitFor();
    await koe.page.getByRole("button", { name: "テンプレートを追加" }).click();
    const added = koe.page.getByRole("group", { name: "テンプレート 1" });
    await added.getByLabel("キーワード", { exact: true }).fill("予約");
    await added.getByLabel("応答", { exact: true }).fill("ご予約の件ですね。");
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await expect
      .poll(() => koe.page.getByTestId("save-state").textContent())
      .toBe("すべての変更は保存済みです");
    await koe.page.reload();
    await koe.page.getByText("キーワードテンプレート(1 件)").waitFor();
    expect(
      await koe.page
        .getByText("保存済みのキーワードテンプレートを読み取れなかったため", { exact: false })
        .count(),
    ).toBe(0);
  });

  it("shows a simulated call live on /monitor, with its transcript as it is spoken", async () => {
    await koe.page.goto("/monitor");
    await koe.page.getByText("現在進行中の通話はありません。").waitFor();
    const call = koe.stack.call(SCENARIOS.booking);
    await koe.page.getByTestId("active-call").first().waitFor();
    const feed = koe.page.getByTestId("conversation-feed");
    await feed.getByText("来週の火曜日の午後三時に予約をお願いしたいのですが。").waitFor({ timeout: 60_000 });
    await feed.locator('[data-role="agent"]').first().waitFor();
    await screenshot(koe.page, "monitor");
    const result = await call;
    expect(result.turns.length).toBeGreaterThan(0);
    await koe.page.getByText("現在進行中の通話はありません。").waitFor({ timeout: 30_000 });
  });

  it("finds the call in /calls and shows its latency per turn", async () => {
    await koe.page.goto("/calls");
    const table = koe.page.getByTestId("history-table");
    await table.waitFor();
    await screenshot(koe.page, "calls");
    await table.getByRole("link").first().click();
    await koe.page.getByText("ターンごとの応答時間").waitFor();
    await expect.poll(() => koe.page.getByTestId("latency-average").textContent()).toMatch(/^平均 \d+ ms$/);
    await koe.page.getByTestId("turn-latency").first().waitFor();
    await koe.page
      .getByTestId("conversation-feed")
      .getByText("来週の火曜日の午後三時に予約をお願いしたいのですが。")
      .waitFor();
    await screenshot(koe.page, "call-detail");
  });

  it("changes the rollout percentage after a confirmation and lists the audit entry", async () => {
    await koe.page.goto("/rollout");
    await koe.page.getByTestId("engine-metrics").waitFor();
    await koe.page
      .locator(".mantine-SegmentedControl-root")
      .first()
      .getByText("10%", { exact: true })
      .click();
    await koe.page.getByLabel("変更理由(監査ログに残ります)").fill("E2E: 10% で様子を見る");
    await koe.page.getByRole("button", { name: "ロールアウト率を変更" }).click();
    await koe.page.getByRole("dialog").getByRole("button", { name: "変更する" }).click();
    await expect.poll(() => koe.page.getByTestId("current-percentage").textContent()).toBe("10%");
    const audit = koe.page.getByTestId("audit-history");
    await audit.getByText("100% → 10%").waitFor();
    await audit.getByText("E2E: 10% で様子を見る").waitFor();
    await screenshot(koe.page, "rollout");
  });

  it("shows an operator only the monitor and the history", async () => {
    const operator = await openPage(koe.browser, koe.stack.webUrl);
    await logIn(operator, DEMO.operatorEmail);
    const nav = operator.locator(".mantine-AppShell-navbar");
    await nav.getByText("通話履歴", { exact: true }).waitFor();
    expect(await nav.getByText("セールスピッチ設定").count()).toBe(0);
    await operator.goto("/rollout");
    await operator.getByRole("heading", { name: "ライブモニター" }).waitFor();
    await operator.context().close();
  });
});
