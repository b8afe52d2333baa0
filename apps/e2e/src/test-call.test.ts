import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO } from "@koe/db";
import { SCENARIOS } from "@koe/sim";
import type { Browser, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { openPage, screenshot } from "./browser.ts";
import { writeCallerWav } from "./fake-microphone.ts";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

const [GREETING, CALLER_LINE, ANSWER] = SCENARIOS.booking.steps.map((step) =>
  step.speaker === "agent" || step.speaker === "caller" ? step.say : "",
);

async function openSalesPitch(browser: Browser, origin: string): Promise<Page> {
  const page = await openPage(browser, origin);
  await logIn(page, DEMO.adminEmail);
  await page.goto("/settings/sales-pitch");
  await page.getByText("Realtime API設定", { exact: true }).waitFor();
  return page;
}

describe("the in-browser test call, over WebRTC to the simulator", () => {
  let dir = "";
  const koe = koeInBrowser({
    microphone: async () => {
      dir = await mkdtemp(join(tmpdir(), "koe-e2e-mic-"));
      const microphone = join(dir, "caller.wav");
      await writeCallerWav(microphone);
      return microphone;
    },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("connects, shows the agent's and the caller's speech as it is said, and hangs up", async () => {
    const page = await openSalesPitch(koe.browser, koe.stack.webUrl);
    await page.getByRole("button", { name: "ブラウザでテスト通話" }).click();
    const dialog = page.getByRole("dialog", { name: "ブラウザでテスト通話" });
    await dialog.locator('[data-testid="test-call-status"][data-state="live"]').waitFor();
    expect(await dialog.getByTestId("test-call-status").textContent()).toContain("通話中");

    const agent = dialog.locator('[data-role="agent"]');
    await expect.poll(() => agent.first().textContent()).toContain(GREETING?.slice(0, 3));
    await dialog
      .locator('[data-role="caller"]')
      .getByText(CALLER_LINE ?? "", { exact: true })
      .waitFor();
    await agent.getByText(ANSWER ?? "", { exact: true }).waitFor();
    expect(koe.stack.sim.sessions.at(-1)?.session.instructions).toContain("デモ株式会社");
    await screenshot(page, "sales-pitch-test-call");

    expect(koe.stack.openai.calls.calls.size).toBe(1);
    await dialog.getByRole("button", { name: "通話を終了" }).click();
    await dialog.waitFor({ state: "hidden" });
    // Hanging up ends the call on OpenAI's side too (here the simulator's).
    await expect.poll(() => koe.stack.openai.calls.calls.size, { timeout: 30_000 }).toBe(0);
    await page.context().close();
  });

  it("says clearly that test calls need an OpenAI key when the server has none", async () => {
    const page = await openSalesPitch(koe.browser, await koe.stack.startApiWithoutOpenAI());
    await page.getByRole("button", { name: "ブラウザでテスト通話" }).click();
    const dialog = page.getByRole("dialog", { name: "ブラウザでテスト通話" });
    await dialog.getByText("OPENAI_API_KEY", { exact: false }).waitFor();
    expect(await dialog.getByTestId("test-call-status").getAttribute("data-state")).toBe("failed");
    await dialog.getByRole("button", { name: "閉じる" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.context().close();
  });
});
