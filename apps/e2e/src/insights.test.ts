import { readFile } from "node:fs/promises";
import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { describe, expect, it } from "vitest";
import { screenshot } from "./browser.ts";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** Issue 16, points 3–5: the overview, transcript search and the exports. */
describe("after the call: overview, search and export", () => {
  const koe = koeInBrowser();
  let cancelCallId = "";

  it("lands an admin on 概要 with the period's calls by outcome and each figure's sample size", async () => {
    const prisma = koe.stack.db.prisma;
    const hour = 3_600_000;
    const lines: [string, string][] = [
      ["agent", "お電話ありがとうございます。デモ株式会社でございます。"],
      ["caller", "来週の火曜日に予約をお願いしたいのですが。"],
      ["agent", "かしこまりました。ご予約を承りました。"],
      ["caller", "明日の予定の約束を確認したいです。"],
    ];
    for (const [i, outcome] of (
      ["booked", "booked", "info_provided", null, "cancelled"] as const
    ).entries()) {
      // Oldest first, as calls arrive: the event ids grow with time.
      const startedAt = new Date(Date.now() - (5 - i) * 20 * hour);
      const call = await insertTestCall(prisma, { status: "completed", outcome, costUsd: 0.2, startedAt });
      const said =
        outcome === "cancelled"
          ? [...lines, ["caller", "契約を解約したいのですが。"] as [string, string]]
          : lines;
      await prisma.callEvent.createMany({
        data: [
          ...said.map(([role, text], turn) => ({
            callSessionId: call.id,
            companyId: DEMO.companyId,
            type: "transcript" as const,
            payload: { role, text, truncated: false },
            occurredAt: new Date(startedAt.getTime() + turn * 5000),
          })),
          ...[420, 650].map((latencyMs, turn) => ({
            callSessionId: call.id,
            companyId: DEMO.companyId,
            type: "turn_latency" as const,
            payload: { turn: turn + 1, latencyMs },
            occurredAt: new Date(startedAt.getTime() + turn * 10_000),
          })),
        ],
      });
      if (outcome === "cancelled") cancelCallId = call.id;
    }
    await logIn(koe.page, DEMO.adminEmail);
    await koe.page.goto("/overview");
    await koe.page.getByRole("heading", { name: "概要", exact: true }).waitFor();
    const calls = koe.page.getByTestId("card-calls");
    await calls.getByText("5", { exact: true }).waitFor();
    await calls.getByText("n = 5").waitFor();
    // Five calls are too few to judge: the rate says so instead of 達成.
    const completion = koe.page.getByTestId("card-completion");
    await completion.getByText("件数不足(30 件未満)").waitFor();
    expect(await completion.getByText("達成", { exact: true }).count()).toBe(0);
    await koe.page.getByTestId("card-latency").getByText("n = 10").waitFor();
    await koe.page.getByTestId("card-accuracy").getByText("データなし").waitFor();
    // The stacked volume chart's legend names the outcomes and the calls not analysed yet.
    for (const outcome of ["予約", "案内", "キャンセル", "未分析"]) {
      await koe.page
        .locator(".recharts-legend-wrapper")
        .first()
        .getByText(outcome, { exact: true })
        .waitFor();
    }
    expect(await koe.page.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    await koe.page.getByText("P95 目標 800 ms").waitFor();
    await koe.page.getByTestId("overview-groups").getByText("受付エージェント", { exact: true }).waitFor();
    await screenshot(koe.page, "overview");
  });

  it("finds a two-character word said in any call, highlighted, and opens the call at that line", async () => {
    await koe.page.goto("/search");
    await koe.page.getByRole("textbox", { name: "文字起こし検索" }).fill("予約");
    await koe.page.getByRole("button", { name: "検索", exact: true }).click();
    const results = koe.page.getByTestId("search-result");
    await expect.poll(() => results.count()).toBe(10);
    // 予定の約束 holds 予 and 約, not 予約.
    expect(await results.filter({ hasText: "予定の約束" }).count()).toBe(0);
    await results.first().locator("mark").getByText("予約", { exact: true }).waitFor();
    await screenshot(koe.page, "search");

    await koe.page.getByRole("textbox", { name: "文字起こし検索" }).fill("解約");
    await koe.page.getByRole("button", { name: "検索", exact: true }).click();
    await expect.poll(() => results.count()).toBe(1);
    await results.locator("mark").getByText("解約", { exact: true }).waitFor();
    await results.getByRole("link", { name: "通話を開く" }).click();
    await koe.page.waitForURL(new RegExp(`/calls/${cancelCallId}\\?line=\\d+$`));
    const highlighted = koe.page.locator("[data-highlighted]");
    await highlighted.getByText("契約を解約したいのですが。", { exact: true }).waitFor();
    expect(await highlighted.count()).toBe(1);
  });

  it("downloads the call's transcript as text and the filtered history as CSV for Excel", async () => {
    const [transcript] = await Promise.all([
      koe.page.waitForEvent("download"),
      koe.page.getByRole("link", { name: "文字起こしをダウンロード" }).click(),
    ]);
    expect(transcript.suggestedFilename()).toBe(`koe-transcript-${cancelCallId}.txt`);
    const text = await readFile(await transcript.path(), "utf8");
    expect(text).toContain("お客様: 契約を解約したいのですが。\r\n");

    await koe.page.goto("/calls");
    await koe.page.getByTestId("history-table").waitFor();
    const [csv] = await Promise.all([
      koe.page.waitForEvent("download"),
      koe.page.getByRole("link", { name: "CSVエクスポート" }).click(),
    ]);
    const bytes = await readFile(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes
      .toString("utf8")
      .slice(1)
      .split("\r\n")
      .filter((row) => row !== "");
    expect(rows[0]).toMatch(/^通話ID,開始日時,/);
    expect(rows).toHaveLength(1 + 5);
    expect(rows.some((row) => row.startsWith(cancelCallId) && row.includes(",cancelled,"))).toBe(true);
  });
});
