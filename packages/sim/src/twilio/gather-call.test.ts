import { afterEach, describe, expect, it } from "vitest";
import { scenarioSchema } from "../scenarios/scenario.ts";
import { AUTH_TOKEN, fakeGatherBridge, PUBLIC } from "../testing/fake-voice-bridges.ts";
import { placeCall } from "./caller-simulator.ts";

describe("Twilio caller simulator: a speech <Gather> call", () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.close();
  });

  it("follows a speech <Gather> round trip: each caller line posted, signed, as SpeechResult", async () => {
    const gatherBridge = await fakeGatherBridge();
    running.push(gatherBridge);
    const result = await placeCall({
      bridgeUrl: gatherBridge.url,
      publicBaseUrl: PUBLIC,
      authToken: AUTH_TOKEN,
      scenario: scenarioSchema.parse({
        name: "gather",
        description: "two caller lines, then the bridge dials an operator",
        steps: [
          { speaker: "agent", say: "line 0" },
          { speaker: "caller", say: "予約をお願いします" },
          { speaker: "dtmf", digits: "1" },
          { speaker: "caller", say: "担当者をお願いします" },
          { speaker: "caller", say: "never posted: the answer no longer gathers" },
        ],
      }),
    });
    expect(result.error).toBeNull();
    expect(gatherBridge.posts).toEqual([
      { path: "/api/twilio/voice", valid: true, speech: undefined },
      { path: "/api/twilio/legacy?turn=1", valid: true, speech: "予約をお願いします" },
      { path: "/api/twilio/legacy?turn=2", valid: true, speech: "担当者をお願いします" },
      { path: "/api/twilio/status", valid: true, speech: undefined },
    ]);
    expect(result.twimls.map((t) => t.says)).toEqual([["line 0"], ["line 1"], ["operator"]]);
    expect(result.twimls.at(-1)?.dial).toBe("+81312345678");
    expect(result.turns.map((t) => t.say)).toEqual(["予約をお願いします", "担当者をお願いします"]);
    expect(result.turns.every((t) => (t.firstAgentAudioMs ?? -1) >= t.endMs)).toBe(true);
    expect(result.streamSid).toBeNull();
  });
});
