import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { describe, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** Yen as ja-JP and en-US write it (ja-JP uses the full-width sign). */
const jaYen = (yen: number) =>
  new Intl.NumberFormat("ja-JP", { style: "currency", currency: "JPY" }).format(yen);
const enYen = (yen: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "JPY" }).format(yen);

/** Issue 17, point 10: costs in yen at the company's exchange rate, the USD figure as detail. */
describe("costs on every page", () => {
  const koe = koeInBrowser();

  it("are shown in yen with USD beside them, at a rate the admin sets on /rollout", async () => {
    const call = await insertTestCall(koe.stack.db.prisma, {
      status: "completed",
      engine: "realtime",
      costUsd: 0.3,
      startedAt: new Date(Date.now() - 3_600_000),
    });
    await logIn(koe.page, DEMO.adminEmail);

    // At the default rate, 150 yen to the dollar.
    await koe.page.goto("/calls");
    await koe.page.getByRole("cell", { name: `${jaYen(45)}（$0.30）`, exact: true }).waitFor();
    await koe.page.goto(`/calls/${call.id}`);
    await koe.page.getByText(`${jaYen(45)}（$0.30）`, { exact: true }).waitFor();
    await koe.page.goto("/rollout");
    const costRow = koe.page.getByTestId("engine-metrics").getByRole("row").filter({ hasText: "平均費用" });
    await costRow.getByText(`${jaYen(45)}（$0.30）`, { exact: false }).waitFor();

    // The admin changes the rate; a rate out of bounds is refused in words.
    const rate = koe.page.getByLabel("1 ドルあたりの円");
    await rate.fill("5");
    await koe.page.getByText("50 円から 500 円の範囲で入力してください").waitFor();
    await rate.fill("100");
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await koe.page.getByText("1 ドル = 100 円で費用を表示します。").waitFor();
    await costRow.getByText(`${jaYen(30)}（$0.30）`, { exact: false }).waitFor();
    await koe.page.goto("/calls");
    await koe.page.getByRole("cell", { name: `${jaYen(30)}（$0.30）`, exact: true }).waitFor();

    // The English UI says the same in English.
    await koe.page.getByRole("button", { name: "English" }).click();
    await koe.page.getByRole("cell", { name: `${enYen(30)} ($0.30)`, exact: true }).waitFor();
    await koe.page.goto("/rollout");
    await koe.page.getByLabel("Yen per US dollar").waitFor();
    await koe.page.getByRole("button", { name: "日本語" }).click();
  });
});
