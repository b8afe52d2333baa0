import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type TwilioInboundMessage, twilioInboundMessageSchema } from "@koe/shared";
import twilio from "twilio";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { ServerVad } from "../realtime/server-vad.ts";
import { scenarioSchema } from "../scenarios/scenario.ts";
import { placeCall } from "./caller-simulator.ts";
import { FakeTwilioRest } from "./fake-twilio-rest.ts";

const AUTH_TOKEN = "test-auth-token";
const PUBLIC = "https://voice.example.jp";
/**
 * The greeting a caller barges into. The caller's playback runs on the wall clock (as Twilio's
 * does) and catches up after a stall, so the greeting is far longer than any stall a loaded
 * machine makes: the caller always interrupts it.
 */
const LONG_GREETING_MS = 30_000;

/** A webhook's form, and whether Twilio's signature over it is valid (what the bridge checks). */
async function readSignedForm(req: IncomingMessage) {
  let body = "";
  for await (const chunk of req) body += chunk;
  const params = Object.fromEntries(new URLSearchParams(body));
  const signature = String(req.headers["x-twilio-signature"]);
  return { params, valid: twilio.validateRequest(AUTH_TOKEN, signature, `${PUBLIC}${req.url}`, params) };
}

/**
 * A stand-in for the bridge that checks what Twilio would be checked on (signatures), answers
 * with a `<Connect><Stream>`, greets, and answers each caller turn its VAD hears. With
 * `clearOnSpeech`, it clears Twilio's buffer when the caller talks over it (barge-in).
 */
async function fakeBridge(behaviour: { clearOnSpeech?: boolean } = {}) {
  const messages: TwilioInboundMessage[] = [];
  const posts: { path: string; valid: boolean }[] = [];
  const server: Server = createServer(async (req, res) => {
    const { valid } = await readSignedForm(req);
    posts.push({ path: req.url ?? "", valid });
    if (!valid) return void res.writeHead(403).end();
    if (req.url?.startsWith("/api/twilio/status")) return void res.writeHead(204).end();
    const twiml = new twilio.twiml.VoiceResponse();
    const stream = twiml.connect().stream({ url: "wss://voice.example.jp/api/twilio/media-stream/p1" });
    stream.parameter({ name: "token", value: "tok-123" });
    res.writeHead(200, { "content-type": "text/xml" }).end(twiml.toString());
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const signature = String(req.headers["x-twilio-signature"]);
    if (!twilio.validateRequest(AUTH_TOKEN, signature, `wss://voice.example.jp${req.url}`, {}))
      return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => talk(ws));
  });
  const talk = (ws: WebSocket) => {
    const vad = new ServerVad({ threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 });
    let streamSid = "";
    let line = 0;
    const say = (ms: number) => {
      const audio = synthesizeSpeech(ms);
      for (let i = 0; i < audio.length; i += 800) {
        ws.send(
          JSON.stringify({
            event: "media",
            streamSid,
            media: { payload: audio.subarray(i, i + 800).toString("base64") },
          }),
        );
      }
      ws.send(JSON.stringify({ event: "mark", streamSid, mark: { name: `line-${++line}` } }));
    };
    ws.on("message", (data) => {
      const message = twilioInboundMessageSchema.parse(JSON.parse(data.toString()));
      messages.push(message);
      if (message.event === "start") {
        streamSid = message.streamSid;
        say(behaviour.clearOnSpeech ? LONG_GREETING_MS : 800);
      } else if (message.event === "media") {
        for (const event of vad.push(Buffer.from(message.media.payload, "base64"))) {
          if (event.type === "speech_started" && behaviour.clearOnSpeech)
            ws.send(JSON.stringify({ event: "clear", streamSid }));
          if (event.type === "speech_stopped") say(600);
        }
      }
    });
  };
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    messages,
    posts,
    close: () =>
      new Promise<void>((r) => {
        wss.close();
        server.close(() => r());
      }),
  };
}

/**
 * A stand-in for the legacy engine: a speech <Gather> whose action is relative on the first answer
 * and absolute afterwards (Twilio resolves both), then a <Dial> on the second speech result.
 */
async function fakeGatherBridge() {
  const posts: { path: string; valid: boolean; speech: string | undefined }[] = [];
  const server: Server = createServer(async (req, res) => {
    const { params, valid } = await readSignedForm(req);
    posts.push({ path: req.url ?? "", valid, speech: params.SpeechResult });
    if (!valid) return void res.writeHead(403).end();
    if (req.url?.startsWith("/api/twilio/status")) return void res.writeHead(204).end();
    const twiml = new twilio.twiml.VoiceResponse();
    const turn = Number(new URL(req.url ?? "/", PUBLIC).searchParams.get("turn") ?? 0);
    if (turn < 2) {
      const action = turn === 0 ? "legacy?turn=1" : `${PUBLIC}/api/twilio/legacy?turn=2`;
      twiml.gather({ input: ["speech"], language: "ja-JP", action }).say(`line ${turn}`);
    } else {
      twiml.say("operator");
      twiml.dial("+81312345678");
    }
    res.writeHead(200, { "content-type": "text/xml" }).end(twiml.toString());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

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

describe("Twilio caller simulator", () => {
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
    });
    expect(result.error).toBeNull();
    expect(result.clears).toBe(1);
    const greeting = result.heard[0];
    const heardMs = (greeting?.endMs ?? 0) - (greeting?.startMs ?? 0);
    expect(heardMs).toBeGreaterThan(900);
    expect(heardMs).toBeLessThan(LONG_GREETING_MS);
    expect(result.marksEchoed).toEqual(["line-1", "line-2"]);
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
      const [bridge, rest] = await Promise.all([fakeBridge(), FakeTwilioRest.start()]);
      running.push(bridge, rest);
      const callSid = "CA0123456789abcdef0123456789abcdef";
      const call = placeCall({
        bridgeUrl: bridge.url,
        publicBaseUrl: PUBLIC,
        authToken: AUTH_TOKEN,
        scenario: longTalk,
        pace: 4,
        callSid,
        twilioRestUrl: rest.url,
      });
      // Once the agent has greeted, the call is moved, as a take-over does.
      await vi.waitFor(() => expect(bridge.messages.some((m) => m.event === "mark")).toBe(true), {
        timeout: 20_000,
      });
      expect(rest.isLive(callSid)).toBe(true);
      const answer = await fetch(`${rest.url}/2010-04-01/Accounts/ACtest/Calls/${callSid}.json`, {
        method: "POST",
        body: new URLSearchParams(form),
      });
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
});
