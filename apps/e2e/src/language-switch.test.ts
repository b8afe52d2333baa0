import { DEMO } from "@koe/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot } from "./browser.ts";
import { logIn } from "./log-in.ts";
import { type Stack, startStack } from "./stack.ts";

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe("the English toggle", () => {
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

  it("switches the signed-in app to English, keeps it after a reload, and back to 日本語", async () => {
    await logIn(page, DEMO.adminEmail);
    expect(await htmlLang(page)).toBe("ja");

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Live monitor" }).waitFor();
    const nav = page.locator(".mantine-AppShell-navbar");
    for (const label of ["Live monitor", "Call history", "Sales pitch", "Rollout"]) {
      await nav.getByText(label, { exact: true }).waitFor();
    }
    expect(await htmlLang(page)).toBe("en");
    await screenshot(page, "monitor-en");

    await nav.getByText("Sales pitch", { exact: true }).click();
    await page.getByRole("heading", { name: "Sales pitch" }).waitFor();
    await page.getByText("Realtime API settings", { exact: true }).waitFor();
    await screenshot(page, "sales-pitch-en");

    await page.reload();
    await page.getByRole("heading", { name: "Sales pitch" }).waitFor();
    await nav.getByText("Call history", { exact: true }).waitFor();
    expect(await htmlLang(page)).toBe("en");

    await page.getByRole("button", { name: "日本語" }).click();
    await page.getByRole("heading", { name: "セールスピッチ設定" }).waitFor();
    await nav.getByText("ライブモニター", { exact: true }).waitFor();
    expect(await htmlLang(page)).toBe("ja");
  });

  it("offers the switch on the login page too", async () => {
    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.getByRole("button", { name: "ログイン" }).waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByLabel("Email").waitFor();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.getByRole("button", { name: "日本語" }).click();
    await page.getByLabel("メールアドレス").waitFor();
  });
});
