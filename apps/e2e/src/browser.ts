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
  // A microphone without a person: the permission prompt answered yes, a fake capture device.
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  // WebRTC on loopback only: the simulator answers ICE on 127.0.0.1 and nowhere else.
  "--allow-loopback-in-peer-connection",
];

/** `microphone`: a WAV file the fake microphone plays in a loop (default: Chromium's beeps). */
export function launchBrowser(options: { microphone?: string } = {}): Promise<Browser> {
  const microphone = options.microphone ? [`--use-file-for-fake-audio-capture=${options.microphone}`] : [];
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...microphone] });
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
