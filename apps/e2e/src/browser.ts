import { mkdir } from "node:fs/promises";
import { type Browser, chromium, type Page } from "playwright-core";
import { REPO_ROOT } from "./app-process.ts";

/** Debian's Chromium (apt-get install chromium); Playwright's own browser downloads are not used. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** A page at the size the screenshots are taken at, in Japanese. */
export async function openPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    locale: "ja-JP",
  });
  return context.newPage();
}

/** With KOE_SCREENSHOTS=1 (`pnpm --filter @koe/e2e screenshots`), saves the page to docs/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.KOE_SCREENSHOTS !== "1") return;
  const dir = `${REPO_ROOT}docs/screenshots`;
  await mkdir(dir, { recursive: true });
  // The top of the page, once charts and transitions have settled: the picture is for people.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${dir}/${name}.png` });
}
