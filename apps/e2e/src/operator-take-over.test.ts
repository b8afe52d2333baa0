import { DEMO } from "@koe/db";
import { scenarioSchema } from "@koe/sim";
import { describe, expect, it } from "vitest";
import { koeInBrowser } from "./koe-in-browser.ts";
import { logIn } from "./log-in.ts";

const GREETING = "お電話ありがとうございます。デモ株式会社でございます。";
const ANSWER = "かしこまりました。担当の者が折り返しご連絡いたします。";
/**
 * The caller thinks for a long while after the greeting (40 s of call time), so the operator
 * takes over while nobody speaks; then the caller talks and, were the call still on the AI, the
 * agent would answer twice more.
 */
const slowCaller = scenarioSchema.parse({
  name: "slow-caller",
  description: "a greeting, a long silence, then two exchanges",
  steps: [
    { speaker: "agent", say: GREETING },
    { speaker: "caller", say: "ええと、修理のことでご相談があるのですが。", pauseMs: 40_000 },
    { speaker: "agent", say: ANSWER },
    { speaker: "caller", say: "よろしくお願いします。" },
    { speaker: "agent", say: "お電話ありがとうございました。" },
  ],
});

/** Issue 17, point 4: 転送する moves the call off the AI, as Twilio does, and the AI says nothing more. */
describe("an operator taking a live call over on /monitor", () => {
  const koe = koeInBrowser();

  it("ends the AI's stream, dials the operator, and no agent line follows", async () => {
    const { prisma } = koe.stack.db;
    const company = await prisma.company.findUniqueOrThrow({ where: { id: DEMO.companyId } });
    await logIn(koe.page, DEMO.operatorEmail);
    await koe.page.getByText("現在進行中の通話はありません。").waitFor();

    const call = koe.stack.call(slowCaller);
    await koe.page.getByTestId("active-call").first().click({ timeout: 60_000 });
    await koe.page.getByText(GREETING).first().waitFor({ timeout: 60_000 });
    await koe.page.getByRole("button", { name: "オペレーターに転送" }).click();
    await koe.page.getByRole("dialog").getByRole("button", { name: "転送する" }).click();
    await koe.page.getByText("転送しました", { exact: true }).waitFor();

    // Nothing the agent said after the take-over: no line written, none played to the caller.
    const result = await call;
    const session = await prisma.callSession.findUniqueOrThrow({ where: { callSid: result.callSid } });
    expect(session).toMatchObject({ handoffBy: "operator", handoffReason: expect.any(String) });
    const handoffAt = session.handoffAt ?? new Date(0);
    const agentLines = await prisma.callEvent.findMany({
      where: { callSessionId: session.id, type: "transcript", payload: { path: ["role"], equals: "agent" } },
    });
    expect(agentLines.map((line) => line.payload)).toMatchObject([{ text: GREETING }]);
    expect(agentLines.every((line) => line.occurredAt <= handoffAt)).toBe(true);

    // Twilio's sequence: the stream stopped (no script error: the caller did not hang up), the new TwiML dialled.
    expect(result.error).toBeNull();
    expect(result.update).toMatchObject({
      kind: "redirect",
      twiml: { says: ["担当者に代わります。少々お待ちください。"] },
    });
    expect(result.update?.kind === "redirect" && result.update.twiml.dial).toBe(
      company.operatorConferenceName ?? company.operatorPhoneNumber,
    );
    expect(result.turns).toEqual([]);
    expect(koe.stack.twilio.liveCallUpdates.map((u) => u.callSid)).toEqual([result.callSid]);

    await koe.page.goto(`${koe.stack.webUrl}/calls/${session.id}`);
    await koe.page.getByText(GREETING).first().waitFor();
    expect(await koe.page.getByText(ANSWER).count()).toBe(0);
  });
});
