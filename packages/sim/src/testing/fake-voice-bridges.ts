import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type TwilioInboundMessage, twilioInboundMessageSchema } from "@koe/shared";
import twilio from "twilio";
import { type WebSocket, WebSocketServer } from "ws";
import { synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { ServerVad } from "../realtime/server-vad.ts";

// Stand-ins for the bridge that the caller simulator's tests place their calls into.

export const AUTH_TOKEN = "test-auth-token";
export const PUBLIC = "https://voice.example.jp";
/**
 * The greeting a caller barges into. The caller's playback runs on the wall clock (as Twilio's
 * does) and catches up after a stall, so the greeting is far longer than any stall a loaded
 * machine makes: the caller always interrupts it.
 */
export const LONG_GREETING_MS = 30_000;

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
export async function fakeBridge(behaviour: { clearOnSpeech?: boolean } = {}) {
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
export async function fakeGatherBridge() {
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
