import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, openPage } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";

export type KoeInBrowser = { stack: Stack; browser: Browser; page: Page };

/**
 * For one test file: Koe's stack and a browser, started together before its tests, with one page
 * open on the app (signed out), and closed after them. Read the fields inside the tests: they are
 * set once `beforeAll` has run. `microphone` makes the audio file Chromium's fake microphone plays.
 */
export function koeInBrowser(options: { microphone?: () => Promise<string> } = {}): KoeInBrowser {
  const koe = {} as KoeInBrowser;
  beforeAll(async () => {
    const microphone = await options.microphone?.();
    [koe.stack, koe.browser] = await Promise.all([startStack(), launchBrowser({ microphone })]);
    koe.page = await openPage(koe.browser, koe.stack.webUrl);
  });
  afterAll(async () => {
    await koe.browser?.close();
    await koe.stack?.close();
  });
  return koe;
}
