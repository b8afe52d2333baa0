import { DEMO } from "@koe/db";
import { scenarioSchema } from "@koe/sim";
import { describe, expect, it } from "vitest";
import { screenshot } from "./browser.ts";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

const ADDED_LINE = "ご予約の変更は前日の十八時まで承ります。";

const SHORT_CALL = scenarioSchema.parse({
  name: "short",
  description: "a greeting, one question, one answer",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。デモ株式会社でございます。" },
    { speaker: "caller", say: "営業時間を教えてください。" },
    { speaker: "agent", say: "平日九時から十八時まででございます。" },
  ],
});

/** Issue 15, part 1: every save is a version; the history compares and restores them. */
describe("the sales pitch page's version history", () => {
  const koe = koeInBrowser();
  let seeded = "";

  it("saves a change with a note as a new version", async () => {
    await logIn(koe.page, DEMO.adminEmail);
    await koe.page.goto("/settings/sales-pitch");
    await koe.page.getByText("Realtime API設定", { exact: true }).waitFor();
    const prompt = koe.page.getByLabel("システムプロンプト");
    await expect.poll(() => prompt.inputValue()).not.toBe("");
    seeded = await prompt.inputValue();
    await prompt.fill(`${seeded}\n${ADDED_LINE}`);
    await koe.page.getByLabel("変更メモ(任意)").fill("予約変更の締め切りを案内");
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await koe.page.getByText("受付エージェント の設定を v2 として保存しました。").waitFor();
    await koe.page.getByText("すべての変更は保存済みです").waitFor();
  });

  it("lists the versions and shows an older one against the current one in the line diff", async () => {
    await koe.page.getByRole("button", { name: "バージョン履歴 (v2)" }).click();
    const dialog = koe.page.getByRole("dialog", { name: "バージョン履歴" });
    const rows = dialog.getByTestId("version-history").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(
      /v2\s*現在[\s\S]*デモ管理者[\s\S]*予約変更の締め切りを案内/,
    );
    expect(await rows.nth(1).textContent()).toMatch(/v1[\s\S]*システム[\s\S]*初期設定/);

    await dialog.getByRole("button", { name: "v1 現在と比較" }).click();
    const comparison = dialog.getByTestId("version-comparison");
    await comparison.getByText("v1 と現在(v2)の差分").waitFor();
    // Only the prompt changed, and its one added line shows as added.
    await comparison.getByRole("tab", { name: /システムプロンプト\s*変更あり/ }).waitFor();
    expect(await comparison.getByText("変更あり").count()).toBe(1);
    await comparison.getByText(`+ ${ADDED_LINE}`).waitFor();
    await screenshot(koe.page, "sales-pitch-versions");
  });

  it("restores the older version after a confirmation, as a new version, and the settings are back", async () => {
    const dialog = koe.page.getByRole("dialog", { name: "バージョン履歴" });
    await dialog.getByRole("button", { name: "このバージョンに戻す" }).click();
    await dialog.getByText("v1 に戻しますか?").waitFor();
    await dialog.getByText("新しいバージョン(v3)として保存され", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "戻す", exact: true }).click();
    await koe.page.getByText("v1 の設定を v3 として保存しました。").waitFor();
    await dialog.waitFor({ state: "hidden" });

    const prompt = koe.page.getByLabel("システムプロンプト");
    await expect.poll(() => prompt.inputValue()).toBe(seeded);
    expect(await koe.page.getByTestId("save-state").textContent()).toBe("すべての変更は保存済みです");
    await koe.page.reload();
    await expect.poll(() => koe.page.getByLabel("システムプロンプト").inputValue()).toBe(seeded);

    await koe.page.getByRole("button", { name: "バージョン履歴 (v3)" }).click();
    const rows = koe.page.getByTestId("version-history").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toMatch(/v3\s*現在[\s\S]*v1 から復元/);
    const audit = await koe.stack.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "agent_version_restored", entityId: DEMO.agentId },
    });
    expect(audit.after).toEqual({ version: 3, restoredFromVersion: 1 });
    await koe.page.keyboard.press("Escape");
  });

  it("shows on a call's detail the version it ran with", async () => {
    const result = await koe.stack.call(SHORT_CALL);
    const row = await koe.stack.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid: result.callSid },
      select: { id: true },
    });
    await koe.page.goto(`/calls/${row.id}`);
    const fact = koe.page.getByText("エージェントのバージョン", { exact: true }).locator("..");
    await expect.poll(() => fact.textContent()).toMatch(/エージェントのバージョン\s*v3/);
  });
});
