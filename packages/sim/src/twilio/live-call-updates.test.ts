import { afterEach, describe, expect, it, vi } from "vitest";
import { scenarioSchema } from "../scenarios/scenario.ts";
import { AUTH_TOKEN, fakeBridge, PUBLIC } from "../testing/fake-voice-bridges.ts";
import { placeCall } from "./caller-simulator.ts";
import { FakeTwilioRest } from "./fake-twilio-rest.ts";

describe("Twilio caller simulator: REST updates of a live call", () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.close();
  });

  const longTalk = scenarioSchema.parse({
    name: "long",
    description: "a greeting and five exchanges: far more than a call moved after its first line lets happen",
    steps: [
      { speaker: "agent", say: "こんにちは" },
      ...Array.from({ length: 5 }, (_, i) => [
        { speaker: "caller", say: `質問 ${i}`, pauseMs: 200 },
        { speaker: "agent", say: `回答 ${i}` },
      ]).flat(),
    ],
  });

  const callSid = "CA0123456789abcdef0123456789abcdef";

  /** A long call into a fake bridge, following its updates on a fake REST API, once the agent has greeted. */
  async function greetedCall(answerUpdatesAfterStop = false) {
    const [bridge, rest] = await Promise.all([fakeBridge(), FakeTwilioRest.start()]);
    running.push(bridge, rest);
    rest.answerUpdatesAfterStop = answerUpdatesAfterStop;
    const call = placeCall({
      bridgeUrl: bridge.url,
      publicBaseUrl: PUBLIC,
      authToken: AUTH_TOKEN,
      scenario: longTalk,
      pace: 4,
      callSid,
      twilioRestUrl: rest.url,
    });
    await vi.waitFor(() => expect(bridge.messages.some((m) => m.event === "mark")).toBe(true), {
      timeout: 20_000,
    });
    /** Updates the call through the REST API, as a take-over does. */
    const update = (form: Record<string, string>) =>
      fetch(`${rest.url}/2010-04-01/Accounts/ACtest/Calls/${callSid}.json`, {
        method: "POST",
        body: new URLSearchParams(form),
      });
    return { bridge, rest, call, update };
  }

  for (const [what, form, expected] of [
    [
      "new TwiML: the stream stops and the <Dial> is followed",
      { Twiml: "<Response><Say>担当者に代わります。</Say><Dial>+81312345678</Dial></Response>" },
      { kind: "redirect", twiml: { says: ["担当者に代わります。"], dial: "+81312345678" } },
    ],
    [
      "Status=completed: the stream stops and the call is over",
      { Status: "completed" },
      { kind: "completed" },
    ],
  ] as const) {
    it(`does what Twilio does on a REST update of a live call with ${what}`, async () => {
      const { bridge, rest, call, update } = await greetedCall();
      expect(rest.isLive(callSid)).toBe(true);
      const answer = await update(form);
      expect(answer.status).toBe(200);

      const result = await call;
      expect(result.error).toBeNull();
      expect(result.update).toMatchObject(expected);
      expect(rest.liveCallUpdates).toMatchObject([{ callSid, update: expected }]);
      // The stream ended with Twilio's `stop` and a closed socket, long before the script's end.
      expect(bridge.messages.at(-1)).toMatchObject({ event: "stop", stop: { callSid } });
      expect(result.closeCode).toBe(1000);
      expect(result.turns.length).toBeLessThan(5);
      if (expected.kind === "redirect") expect(result.twimls.at(-1)?.dial).toBe("+81312345678");
      await vi.waitFor(() => expect(rest.isLive(callSid)).toBe(false));
    });
  }

  it("answers an update only once the call has sent its stop, when told to (Twilio may order them so)", async () => {
    const { bridge, call, update } = await greetedCall(true);
    const answer = await update({ Status: "completed" });
    expect(answer.status).toBe(200);
    expect(bridge.messages.at(-1)).toMatchObject({ event: "stop", stop: { callSid } });
    expect((await call).error).toBeNull();
  });
});
