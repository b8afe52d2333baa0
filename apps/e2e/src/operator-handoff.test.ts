import { DEMO } from "@koe/db";
import { SCENARIOS } from "@koe/sim";
import { beforeAll, describe, expect, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";
import { playedTones, recordOscillators } from "./web-audio-probe.ts";

describe("an operator on /monitor when the AI asks for a person", () => {
  const koe = koeInBrowser();
  beforeAll(() => recordOscillators(koe.page));

  it("sees the handoff notification and hears the two-tone chime", async () => {
    await logIn(koe.page, DEMO.operatorEmail);
    await koe.page.getByText("現在進行中の通話はありません。").waitFor();
    expect(await playedTones(koe.page)).toEqual([]);

    const call = koe.stack.call(SCENARIOS.handoff);
    const notification = koe.page.getByRole("alert").filter({ hasText: "AI がオペレーターに転送しました" });
    await notification.waitFor({ timeout: 60_000 });
    expect(await notification.textContent()).toContain(
      "090-1111-2222(山田 太郎 様)からの通話を、受付エージェントが会社のオペレーター窓口へ転送しました。",
    );
    await expect.poll(() => playedTones(koe.page), { timeout: 10_000 }).toEqual([880, 660]);

    const result = await call;
    expect(result.turns.length).toBeGreaterThan(0);
    const handoff = await koe.stack.db.prisma.callEvent.findFirstOrThrow({ where: { type: "handoff" } });
    expect(handoff.payload).toMatchObject({ by: "ai", ok: true });
  });

  it("asks for a click when the browser holds sound back, and remembers a mute", async () => {
    // A reloaded tab has had no gesture yet: Chromium would play nothing, so the header says so.
    await koe.page.reload();
    const enable = koe.page.getByRole("button", { name: "通知音を有効にする" });
    // Held as a person holds a click: the press lets the browser resume the audio (the header then
    // shows it on) before the click ends, and the click must still turn the chime on, not mute it.
    await enable.click({ delay: 300 });
    await expect.poll(() => playedTones(koe.page), { timeout: 10_000 }).toEqual([880, 660]);
    await koe.page.getByRole("button", { name: "通知音 オン" }).click();
    await koe.page.getByRole("button", { name: "通知音 オフ" }).waitFor();

    await koe.page.reload();
    await koe.page.getByRole("button", { name: "通知音 オフ" }).click();
    await koe.page.getByRole("button", { name: "通知音 オン" }).waitFor();
    await expect.poll(() => playedTones(koe.page), { timeout: 10_000 }).toEqual([880, 660]);
  });
});
