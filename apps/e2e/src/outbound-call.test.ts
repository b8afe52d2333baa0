import { DEMO } from "@koe/db";
import { describe, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** The company's calling hours, the same every day (null: no calls). */
const everyDay = (hours: { open: string; close: string } | null) =>
  Object.fromEntries(DAYS.map((day) => [day, hours]));

/** Issue 17, point 17: 「発信」 from /monitor, its refusals in words, the call then on the monitor. */
describe("placing an outbound call from /monitor", () => {
  const koe = koeInBrowser();
  const setCallingHours = (callingHours: ReturnType<typeof everyDay>) =>
    koe.stack.db.prisma.company.update({ where: { id: DEMO.companyId }, data: { callingHours } });

  it("says in Japanese why a call is refused, then places one that appears on the monitor", async () => {
    await setCallingHours(everyDay(null));
    await logIn(koe.page, DEMO.adminEmail);
    await koe.page.getByRole("button", { name: "発信", exact: true }).click();
    const dialog = koe.page.getByRole("dialog", { name: "お客様に電話をかける" });
    await dialog.getByLabel("お客様", { exact: true }).click();
    await koe.page.getByRole("option", { name: "佐藤 花子(090-3333-4444)" }).click();
    await dialog.getByRole("button", { name: "発信する" }).click();
    await dialog.getByText(/^今日は発信できない日です/).waitFor();

    await setCallingHours(everyDay({ open: "00:00", close: "23:59" }));
    await dialog.getByText("番号を入力", { exact: true }).click();
    await dialog.getByLabel("電話番号").fill("090-3333");
    await dialog.getByText("電話番号の形式が正しくありません", { exact: false }).waitFor();
    await dialog.getByLabel("電話番号").fill("090-3333-4444");
    await dialog.getByRole("button", { name: "発信する" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = koe.page.getByTestId("active-call").filter({ hasText: "090-3333-4444" });
    await row.getByText("発信", { exact: true }).waitFor();
    await row.getByText("佐藤 花子 様", { exact: true }).waitFor();
  });
});
