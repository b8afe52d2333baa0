import { DEMO } from "@koe/db";
import { SCENARIOS } from "@koe/sim";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage } from "./browser.ts";
import { logIn } from "./log-in.ts";
import { type Stack, startStack } from "./stack.ts";
import { playedTones, recordOscillators } from "./web-audio-probe.ts";

describe("an operator on /monitor when the AI asks for a person", () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
    page = await openPage(browser, stack.webUrl);
    await recordOscillators(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("sees the handoff notification and hears the two-tone chime", async () => {
    await logIn(page, DEMO.operatorEmail);
    await page.getByText("現在進行中の通話はありません。").waitFor();
    expect(await playedTones(page)).toEqual([]);

    const call = stack.call(SCENARIOS.handoff);
    const notification = page
      .getByRole("alert")
      .filter({ hasText: "AI がオペレーターへの転送を求めています" });
    await notification.waitFor({ timeout: 60_000 });
    expect(await notification.textContent()).toContain(
      `${SCENARIOS.handoff.from} からの通話(受付エージェント)`,
    );
    await expect.poll(() => playedTones(page), { timeout: 10_000 }).toEqual([880, 660]);

    const result = await call;
    expect(result.turns.length).toBeGreaterThan(0);
    const handoff = await stack.db.prisma.callEvent.findFirstOrThrow({ where: { type: "handoff" } });
    expect(handoff.payload).toMatchObject({ by: "ai", ok: true });
  });

  it("asks for a click when the browser holds sound back, and remembers a mute", async () => {
    // A reloaded tab has had no gesture yet: Chromium would play nothing, so the header says so.
    await page.reload();
    const enable = page.getByRole("button", { name: "通知音を有効にする" });
    await enable.click();
    await expect.poll(() => playedTones(page)).toEqual([880, 660]);
    await page.getByRole("button", { name: "通知音 オン" }).click();
    await page.getByRole("button", { name: "通知音 オフ" }).waitFor();

    await page.reload();
    await page.getByRole("button", { name: "通知音 オフ" }).click();
    await page.getByRole("button", { name: "通知音 オン" }).waitFor();
    await expect.poll(() => playedTones(page)).toEqual([880, 660]);
  });
});
