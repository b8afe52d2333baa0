import { DEMO } from "@koe/db";
import type { Page } from "playwright-core";
import { screenshot } from "./browser.ts";
import { PASSWORD } from "./stack.ts";

/**
 * Signs in through the login form, as a person does (the click is the page's first user gesture),
 * and waits for the live monitor. Admins land on 概要 (the overview), which is checked, and are
 * taken on to the monitor, where operators land. `screenshotName` pictures the filled form.
 */
export async function logIn(page: Page, email: string, screenshotName?: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(PASSWORD);
  if (screenshotName) await screenshot(page, screenshotName);
  await page.getByRole("button", { name: "ログイン" }).click();
  if (email === DEMO.adminEmail) {
    await page.getByRole("heading", { name: "概要", exact: true }).waitFor();
    await page.goto("/monitor");
  }
  await page.getByRole("heading", { name: "ライブモニター" }).waitFor();
}
