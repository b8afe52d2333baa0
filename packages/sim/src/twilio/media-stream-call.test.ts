import { afterEach, describe, expect, it } from "vitest";
import { scenarioSchema } from "../scenarios/scenario.ts";
import { AUTH_TOKEN, fakeBridge, LONG_GREETING_MS, PUBLIC } from "../testing/fake-voice-bridges.ts";
import { placeCall } from "./caller-simulator.ts";

const conversation = scenarioSchema.parse({
  name: "short",
  description: "greeting, one caller line, an answer, a DTMF digit",
  steps: [
    { speaker: "agent", say: "こんにちは" },
    { speaker: "caller", say: "予約をお願いします", pauseMs: 200 },
    { speaker: "agent", say: "はい" },
    { speaker: "dtmf", digits: "1#" },
  ],
});

describe("Twilio caller simulator: a media-stream call", () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.close();
  });

  it("plays a call as Twilio does: signed webhook, TwiML, start with parameters, paced media, marks, dtmf, stop", async () => {
    const bridge = await fakeBridge();
    running.push(bridge);
    const result = await placeCall({
      bridgeUrl: bridge.url,
      publicBaseUrl: PUBLIC,
      authToken: AUTH_TOKEN,
      scenario: conversation,
      pace: 4,
    });
    expect(result.error).toBeNull();
    expect(bridge.posts).toEqual([
      { path: "/api/twilio/voice", valid: true },
      { path: "/api/twilio/status", valid: true },
    ]);
    expect(result.twiml.stream?.parameters).toEqual({ token: "tok-123" });

    const [connected, start, ...rest] = bridge.messages;
    expect(connected).toMatchObject({ event: "connected", protocol: "Call" });
    expect(start).toMatchObject({
      event: "start",
      start: {
        callSid: result.callSid,
        customParameters: { token: "tok-123" },
        tracks: ["inbound"],
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    });
    expect(rest.at(-1)).toMatchObject({ event: "stop", stop: { callSid: result.callSid } });

    // Every message after `connected` is numbered in sequence; media chunks count up 20 ms apart.
    const numbered = bridge.messages
      .slice(1)
      .map((m) => ("sequenceNumber" in m ? Number(m.sequenceNumber) : 0));
    expect(numbered).toEqual(numbered.map((_, i) => i + 1));
    const media = rest.filter((m) => m.event === "media");
    media.forEach((m, i) => {
      expect(m.media).toMatchObject({ track: "inbound", chunk: String(i + 1), timestamp: String(i * 20) });
      expect(Buffer.from(m.media.payload, "base64")).toHaveLength(160);
    });

    // Both lines were played in full, each mark echoed once played, and the digits sent.
    expect(result.marksEchoed).toEqual(["line-1", "line-2"]);
    expect(result.heard.reduce((ms, h) => ms + (h.endMs - h.startMs), 0)).toBe(1400);
    expect(rest.filter((m) => m.event === "mark").map((m) => m.mark.name)).toEqual(["line-1", "line-2"]);
    expect(rest.filter((m) => m.event === "dtmf").map((m) => m.dtmf.digit)).toEqual(["1", "#"]);
    expect(result.turns).toHaveLength(1);
    expect(result.turns[0]?.firstAgentAudioMs).toBeGreaterThan(result.turns[0]?.endMs ?? Infinity);
    expect(result.closeCode).toBe(1000);
  });

  it("honours clear: drops unplayed audio and echoes the pending mark at once", async () => {
    const bridge = await fakeBridge({ clearOnSpeech: true });
    running.push(bridge);
    const bargeIn = scenarioSchema.parse({
      name: "barge",
      description: "the caller talks over a long greeting",
      steps: [
        { speaker: "agent", say: "長いご挨拶" },
        { speaker: "caller", say: "すみません", interruptAfterMs: 1000 },
        { speaker: "agent", say: "はい" },
      ],
    });
    const result = await placeCall({
      bridgeUrl: bridge.url,
      publicBaseUrl: PUBLIC,
      authToken: AUTH_TOKEN,
      scenario: bargeIn,
      pace: 4,
      // Call time runs at 4×: the default 20 s is 5 s of wall time, too short on a loaded machine.
      turnTimeoutMs: 120_000,
    });
    expect(result.error).toBeNull();
    expect(result.clears).toBe(1);
    const greeting = result.heard[0];
    const heardMs = (greeting?.endMs ?? 0) - (greeting?.startMs ?? 0);
    expect(heardMs).toBeGreaterThan(900);
    expect(heardMs).toBeLessThan(LONG_GREETING_MS);
    expect(result.marksEchoed).toEqual(["line-1", "line-2"]);
  });
});
