import { once } from "node:events";
import twilio from "twilio";
import { expect, vi } from "vitest";
import { WebSocket } from "ws";
import { AUTH_TOKEN, type BridgeHarness, PUBLIC_BASE_URL } from "./bridge-harness.ts";

/** The voice webhook's form for an inbound call to the seeded demo number. */
function voiceForm(callSid: string): Record<string, string> {
  return { CallSid: callSid, AccountSid: "AC1", From: "+819011112222", To: "+815012345678" };
}

/** Posts the voice webhook for a call; returns the TwiML and the stream token it carries. */
export async function answerCall(bridge: BridgeHarness, callSid: string) {
  const twiml = await (await bridge.post("/api/twilio/voice", voiceForm(callSid))).text();
  return { twiml, token: /name="token" value="([^"]+)"/.exec(twiml)?.[1] };
}

export type MediaStreamClient = {
  socket: WebSocket;
  /** Resolves with the code the bridge closed the stream with. */
  closed: Promise<number>;
  /** Every JSON message the bridge sent, in order. */
  received: { event: string }[];
};

/** A media-stream connection to the bridge, signed as Twilio signs it. */
export async function openMediaStream(
  bridge: BridgeHarness,
  instance = "test-1",
): Promise<MediaStreamClient> {
  const path = `/api/twilio/media-stream/${instance}`;
  const socket = new WebSocket(`${bridge.url.replace("http", "ws")}${path}`, {
    headers: {
      "x-twilio-signature": twilio.getExpectedTwilioSignature(
        AUTH_TOKEN,
        `${PUBLIC_BASE_URL.replace("https", "wss")}${path}`,
        {},
      ),
    },
  });
  const closed = once(socket, "close").then(([code]) => code as number);
  const received: { event: string }[] = [];
  socket.on("message", (data) => received.push(JSON.parse(String(data))));
  await once(socket, "open");
  return { socket, closed, received };
}

/** Twilio's `start` message for a call, with the token (when given) as its custom parameter. */
export function startFrame(callSid: string, token: string | undefined, streamSid = "MZ1"): string {
  return JSON.stringify({
    event: "start",
    sequenceNumber: "1",
    streamSid,
    start: {
      streamSid,
      accountSid: "AC1",
      callSid,
      tracks: ["inbound"],
      customParameters: token ? { token } : {},
      mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
    },
  });
}

/** One 20 ms frame of caller silence. */
export function mediaFrame(streamSid = "MZ1", chunk = 1): string {
  return JSON.stringify({
    event: "media",
    sequenceNumber: String(chunk + 1),
    streamSid,
    media: {
      track: "inbound",
      chunk: String(chunk),
      timestamp: String(chunk * 20),
      payload: Buffer.alloc(160, 0xff).toString("base64"),
    },
  });
}

/** A call answered by the voice webhook whose stream has started: its row is active. */
export async function startLiveCall(bridge: BridgeHarness, callSid: string) {
  const { token } = await answerCall(bridge, callSid);
  if (!token) throw new Error("no stream token in the TwiML");
  const stream = await openMediaStream(bridge);
  stream.socket.send(startFrame(callSid, token));
  await vi.waitFor(
    async () =>
      expect((await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid } })).status).toBe(
        "active",
      ),
    { timeout: 15_000, interval: 50 },
  );
  return { callSid, token, stream };
}

/** How many frames of caller audio the call's OpenAI session has received. */
export async function appendsReceived(bridge: BridgeHarness, callSid: string): Promise<number> {
  const { openaiSessionId } = await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid } });
  const session = bridge.sim.sessions.find((s) => s.id === openaiSessionId);
  return session?.received.filter((r) => r.event.type === "input_audio_buffer.append").length ?? 0;
}
