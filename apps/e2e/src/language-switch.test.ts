import { DEMO } from "@koe/db";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "./browser.ts";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe("the English toggle", () => {
  const koe = koeInBrowser();

  it("switches the signed-in app to English, keeps it after a reload, and back to 日本語", async () => {
    await logIn(koe.page, DEMO.adminEmail);
    expect(await htmlLang(koe.page)).toBe("ja");

    await koe.page.getByRole("button", { name: "English" }).click();
    await koe.page.getByRole("heading", { name: "Live monitor" }).waitFor();
    const nav = koe.page.locator(".mantine-AppShell-navbar");
    for (const label of ["Live monitor", "Call history", "Sales pitch", "Rollout"]) {
      await nav.getByText(label, { exact: true }).waitFor();
    }
    expect(await htmlLang(koe.page)).toBe("en");
    await screenshot(koe.page, "monitor-en");

    await nav.getByText("Sales pitch", { exact: true }).click();
    await koe.page.getByRole("heading", { name: "Sales pitch" }).waitFor();
    await koe.page.getByText("Realtime API settings", { exact: true }).waitFor();
    await screenshot(koe.page, "sales-pitch-en");

    await koe.page.reload();
    await koe.page.getByRole("heading", { name: "Sales pitch" }).waitFor();
    await nav.getByText("Call history", { exact: true }).waitFor();
    expect(await htmlLang(koe.page)).toBe("en");

    await koe.page.getByRole("button", { name: "日本語" }).click();
    await koe.page.getByRole("heading", { name: "セールスピッチ設定" }).waitFor();
    await nav.getByText("ライブモニター", { exact: true }).waitFor();
    expect(await htmlLang(koe.page)).toBe("ja");
  });

  it("offers the switch on the login page too", async () => {
    await koe.page.getByRole("button", { name: "ログアウト" }).click();
    await koe.page.getByRole("button", { name: "ログイン" }).waitFor();
    await koe.page.getByRole("button", { name: "English" }).click();
    await koe.page.getByLabel("Email").waitFor();
    await koe.page.getByRole("button", { name: "Sign in" }).waitFor();
    await koe.page.reload();
    await koe.page.getByRole("button", { name: "Sign in" }).waitFor();
    await koe.page.getByRole("button", { name: "日本語" }).click();
    await koe.page.getByLabel("メールアドレス").waitFor();
  });
});
