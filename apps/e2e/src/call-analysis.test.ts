import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { SCENARIOS } from "@koe/sim";
import { describe, expect, it } from "vitest";
import { screenshot } from "./browser.ts";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** Issue 16, parts 1 and 2: the post-call analysis on call detail, and the history's outcome filter in the URL. */
describe("after the call", () => {
  const koe = koeInBrowser();

  it("shows the call's summary, outcome, sentiment and follow-ups at the top of call detail", async () => {
    const result = await koe.stack.call(SCENARIOS.booking);
    expect(result.error).toBeNull();
    const call = await koe.stack.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid: result.callSid },
    });
    await logIn(koe.page, DEMO.operatorEmail);
    await koe.page.goto(`/calls/${call.id}`);
    // The api's worker analyses the call through the fake OpenAI REST API a few seconds after it ended.
    const analysis = koe.page.getByTestId("call-analysis");
    await analysis
      .getByTestId("analysis-summary")
      .getByText("来週の火曜日の午後三時に予約をお願いしたいのですが", { exact: false })
      .waitFor({ timeout: 60_000 });
    await analysis.getByTestId("analysis-outcome").getByText("予約", { exact: true }).waitFor();
    await analysis.getByText("好意的", { exact: true }).waitFor();
    await analysis.getByText("対応は不要です。", { exact: true }).waitFor();
    await screenshot(koe.page, "call-detail-analysis");
  });

  it("filters the history by outcome, and the filter survives a reload from the URL", async () => {
    await insertTestCall(koe.stack.db.prisma, {
      status: "completed",
      outcome: "info_provided",
      fromNumber: "+819055556666",
      startedAt: new Date(Date.now() - 60_000),
    });
    await koe.page.goto("/calls");
    const table = koe.page.getByTestId("history-table");
    await table.getByText("090-5555-6666", { exact: true }).waitFor();
    const outcome = koe.page.getByTestId("filter-outcome");
    await outcome.click();
    await koe.page.getByRole("option", { name: "予約", exact: true }).click();
    await koe.page.waitForURL(/\/calls\?outcome=booked$/);
    // The booked call was listed before the filter too: wait for the other one to leave.
    await expect.poll(() => table.getByText("090-5555-6666", { exact: true }).count()).toBe(0);
    await table.getByText("090-1111-2222", { exact: true }).waitFor();

    await koe.page.reload();
    await expect.poll(() => outcome.inputValue()).toBe("予約");
    await table.getByText("090-1111-2222", { exact: true }).waitFor();
    expect(await table.getByText("090-5555-6666", { exact: true }).count()).toBe(0);
    expect(await table.getByTestId("history-outcome").allInnerTexts()).toEqual(["予約"]);
  });
});
