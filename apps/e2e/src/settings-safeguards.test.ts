import { DEMO } from "@koe/db";
import { describe, expect, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

/** Issue 17, points 1, 2, 12 and 14: settings that would break the agent, and honest failures. */
describe("the sales pitch page guards the agent's settings", () => {
  const koe = koeInBrowser();

  it("ships a favicon, so no page load asks for a missing one", async () => {
    const missing: string[] = [];
    koe.page.on("response", (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await logIn(koe.page, DEMO.adminEmail);
    const icon = await koe.page.request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toBe("image/x-icon");
    expect(missing).toEqual([]);
  });

  it("refuses an empty prompt while the Realtime API is on, in the form and in the api", async () => {
    await koe.page.goto("/settings/sales-pitch");
    await koe.page.getByText("Realtime API設定", { exact: true }).waitFor();
    expect(await koe.page.getByLabel("Realtime APIを有効化").isChecked()).toBe(true);
    const saved = await koe.page.getByLabel("システムプロンプト").inputValue();
    await koe.page.getByLabel("システムプロンプト").fill("");
    const refusal = "Realtime APIを有効にしている間は、システムプロンプトを空にできません";
    await koe.page.getByText(refusal, { exact: false }).waitFor();
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await koe.page.getByText("保存できません", { exact: true }).waitFor();
    await koe.page.reload();
    await koe.page.getByText("Realtime API設定", { exact: true }).waitFor();
    await expect.poll(() => koe.page.getByLabel("システムプロンプト").inputValue()).toBe(saved);

    const api = await koe.page.request.post("/trpc/salesPitch.updateRealtimeSettings", {
      data: {
        agentId: DEMO.agentId,
        settings: { enabled: true, instructions: "" },
      },
      headers: { origin: koe.stack.webUrl },
    });
    expect(api.status()).toBe(400);
  });

  it("marks unknown variables as they are typed, refuses them, and previews an unknown caller", async () => {
    const editor = koe.page.getByLabel("システムプロンプト");
    await editor.fill("あなたは{{company}}の受付です。{{unknown_var}}様。");
    await koe.page
      .getByText("使えない変数があります: {{company}} {{unknown_var}}", { exact: false })
      .waitFor();
    await koe.page.getByRole("button", { name: "保存", exact: true }).click();
    await koe.page.getByText("保存できません", { exact: true }).waitFor();

    await editor.fill("あなたは{{company_name}}の受付です。{{customer_name}}様。");
    await koe.page.getByRole("tab", { name: "プレビュー" }).click();
    const preview = koe.page.getByTestId("prompt-preview");
    await expect.poll(() => preview.textContent()).toBe("あなたはデモ株式会社の受付です。山田 太郎様。");
    await koe.page.getByText("お客様がわからない場合", { exact: true }).click();
    await expect.poll(() => preview.textContent()).toBe("あなたはデモ株式会社の受付です。お客様。");
    await koe.page.getByRole("tab", { name: "編集" }).click();
    await koe.page.getByRole("button", { name: "変更を元に戻す" }).click();
  });

  it("says a voice preview fails because OpenAI refused the key, not to try again later", async () => {
    koe.stack.openai.failWith = { status: 401, message: "Incorrect API key provided: sk-e2e", remaining: 1 };
    await koe.page.getByTestId("voice-select").click();
    await koe.page.getByRole("option", { name: "ballad" }).click();
    await koe.page.getByRole("button", { name: "音声プレビューを再生" }).click();
    await koe.page.getByText("OpenAI が API キーを受け付けなかったため", { exact: false }).waitFor();
    expect(await koe.page.getByText("しばらくしてからお試しください", { exact: false }).count()).toBe(0);
  });
});
