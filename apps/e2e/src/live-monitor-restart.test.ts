import { DEMO } from "@koe/db";
import { SCENARIOS } from "@koe/sim";
import { describe, expect, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** Issue 17, point 3: /monitor says when its live feed is down, and catches up without a reload. */
describe("/monitor while the api restarts during a live call", () => {
  const koe = koeInBrowser();

  it("shows 再接続中 while the api is down, then 接続中, and drops the ended call without a reload", async () => {
    await logIn(koe.page, DEMO.operatorEmail);
    const badge = koe.page.getByTestId("live-connection");
    await expect.poll(() => badge.textContent()).toBe("接続中");
    await koe.page
      .getByTestId("live-last-update")
      .getByText(/^最終更新 \d+ 秒前$/)
      .waitFor();

    const call = koe.stack.call(SCENARIOS.booking);
    await koe.page.getByTestId("active-call").first().waitFor({ timeout: 60_000 });
    const restarted = koe.stack.restartApi();
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toBe("再接続中");
    await restarted;
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toBe("接続中");

    await call;
    // The call ended while (or after) the feed was down: the list follows without a reload.
    await koe.page.getByText("現在進行中の通話はありません。").waitFor({ timeout: 15_000 });
  });
});
