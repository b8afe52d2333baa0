import { DEMO } from "@koe/db";
import { SCENARIOS } from "@koe/sim";
import { describe, expect, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** Issue 17, points 5, 6, 10, 13 and 18: calls an operator can tell apart and act on truthfully. */
describe("calls on /monitor and /calls, told apart and described truthfully", () => {
  const koe = koeInBrowser();

  it("tells simultaneous calls apart: the caller's number as written in Japan, name, direction, agent", async () => {
    await logIn(koe.page, DEMO.adminEmail);
    await koe.page.getByText("現在進行中の通話はありません。").waitFor();
    const calls = Promise.all([
      koe.stack.call(SCENARIOS.booking),
      koe.stack.call({ ...SCENARIOS.booking, from: "+819033334444" }),
    ]);
    const rows = koe.page.getByTestId("active-call");
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    const yamada = rows.filter({ hasText: "090-1111-2222" });
    const sato = rows.filter({ hasText: "090-3333-4444" });
    await yamada.getByText("山田 太郎 様", { exact: true }).waitFor();
    await sato.getByText("佐藤 花子 様", { exact: true }).waitFor();
    for (const row of [yamada, sato]) {
      await row.getByText("着信", { exact: true }).waitFor();
      await row.getByText("担当: 受付エージェント", { exact: true }).waitFor();
    }
    expect(await koe.page.getByText("+819011112222", { exact: false }).count()).toBe(0);
    await calls;
    await koe.page.getByText("現在進行中の通話はありません。").waitFor({ timeout: 30_000 });
  });

  it("says why a call has no recording", async () => {
    await koe.page.goto("/calls");
    await koe.page.getByTestId("history-table").getByRole("link").first().click();
    const recording = koe.page.getByTestId("recording");
    await recording.getByText("録音なし", { exact: true }).waitFor();
    await recording.getByText("この会社では通話を録音しない設定になっています。", { exact: true }).waitFor();
    await koe.page.getByRole("heading", { name: /^090-\d{4}-\d{4} からの着信$/ }).waitFor();
  });

  it("describes the call's events and the agent's tools in plain Japanese, JSON behind 「詳細」", async () => {
    const feed = koe.page.getByTestId("conversation-feed");
    await feed.getByText("通話がつながり、AI が応答を始めました", { exact: true }).waitFor();
    await feed.getByText("予約の登録", { exact: true }).first().waitFor();
    await feed
      .getByText(/^(成功|失敗)しました\(\d+ ms\)$/)
      .first()
      .waitFor();
    for (const developerText of [
      "media stream started",
      "twilio status callback",
      "schedule_appointment",
      "{",
    ]) {
      expect(await feed.getByText(developerText, { exact: false }).count()).toBe(0);
    }
    await koe.page.getByRole("tab", { name: /^イベント/ }).click();
    const events = koe.page.getByRole("tabpanel");
    await events
      .getByText(/^通話が終わりました/)
      .first()
      .waitFor();
    expect(await events.getByText("caller_hung_up", { exact: false }).count()).toBe(0);
    await events.getByRole("button", { name: "詳細" }).first().click();
    await events.getByText('"status": "active"', { exact: false }).waitFor();
  });

  it("words the AI's handoff as done, with whom and why, and links to the call", async () => {
    await koe.page.goto("/monitor");
    const call = koe.stack.call(SCENARIOS.handoff);
    const alert = koe.page.getByRole("alert").filter({ hasText: "AI がオペレーターに転送しました" });
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.textContent();
    expect(text).toContain("会社のオペレーター窓口へ転送しました");
    expect(text).toContain("理由: 請求内容への不満、担当者を希望");
    expect(text).not.toContain("対応してください");
    await call;
    await alert.getByRole("link", { name: "通話の詳細を見る" }).click();
    await koe.page.waitForURL(/\/calls\/[0-9a-f-]{36}$/);
    await koe.page.getByText("ターンごとの応答時間").waitFor();
  });

  it("offers turn detection and noise reduction in 詳細設定, explained, kept, and reset to phone defaults", async () => {
    await koe.page.goto("/settings/sales-pitch");
    await koe.page.getByText("Realtime API設定", { exact: true }).waitFor();
    await koe.page.getByText("▶ 詳細設定(話の区切りと雑音)").click();
    const advanced = koe.page.getByTestId("advanced-settings");
    const silence = advanced.getByLabel("話し終わりを待つ時間");
    await silence.fill("800");
    await advanced
      .getByText("お客様の声が止まってから AI が答え始めるまでの時間です", { exact: false })
      .waitFor();
    await advanced.getByText("口元のマイク向け", { exact: true }).click();
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await koe.page.getByText("すべての変更は保存済みです").waitFor();
    const stored = async () =>
      (await koe.stack.db.prisma.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } })).realtimeSettings;
    expect(await stored()).toMatchObject({
      turnDetection: { type: "server_vad", silenceDurationMs: 800 },
      noiseReduction: "near_field",
    });

    await koe.page.reload();
    await koe.page.getByText("▶ 詳細設定(話の区切りと雑音)").click();
    await expect.poll(() => advanced.getByLabel("話し終わりを待つ時間").inputValue()).toBe("800 ms");
    await advanced.getByRole("button", { name: "電話向けの既定値に戻す" }).click();
    await expect.poll(() => advanced.getByLabel("話し終わりを待つ時間").inputValue()).toBe("500 ms");
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await koe.page.getByText("すべての変更は保存済みです").waitFor();
    expect(await stored()).toMatchObject({
      turnDetection: { type: "server_vad", threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 },
      noiseReduction: "far_field",
    });
  });
});
