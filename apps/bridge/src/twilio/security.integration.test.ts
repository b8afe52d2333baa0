import { once } from "node:events";
import { connect } from "node:net";
import { parseTwiml } from "@koe/sim";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  AUTH_TOKEN,
  type BridgeHarness,
  PUBLIC_BASE_URL,
  startBridgeHarness,
} from "../testing/bridge-harness.ts";
import { answerCall, mediaFrame, openMediaStream, startFrame } from "../testing/media-stream-client.ts";

const form = {
  CallSid: `CA${"1".repeat(32)}`,
  AccountSid: "AC1",
  From: "+819011112222",
  To: "+815012345678",
};

describe("what the bridge refuses", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness();
  });
  afterAll(() => bridge.close());

  const post = (path: string, signature: string | null, params: Record<string, string> = form) =>
    fetch(`${bridge.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(signature ? { "x-twilio-signature": signature } : {}),
      },
      body: new URLSearchParams(params),
    });

  it.each(["/api/twilio/voice", "/api/twilio/status"])(
    "answers 403 to %s with a forged or missing signature",
    async (path) => {
      const forged = twilio.getExpectedTwilioSignature(
        "not-the-auth-token",
        `${PUBLIC_BASE_URL}${path}`,
        form,
      );
      expect((await post(path, forged)).status).toBe(403);
      expect((await post(path, null)).status).toBe(403);
      // Signed for other parameters than those sent: also forged.
      const other = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, {
        ...form,
        To: "+810000000000",
      });
      expect((await post(path, other)).status).toBe(403);
      expect(await bridge.db.prisma.callSession.count()).toBe(0);
    },
  );

  it("answers 400 with the reason to a signed webhook with malformed parameters", async () => {
    const params = { ...form, CallSid: "not-a-call-sid" };
    const res = await post(
      "/api/twilio/voice",
      twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/api/twilio/voice`, params),
      params,
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("CallSid must look like CA");
  });

  it("refuses a media-stream upgrade without a valid signature", async () => {
    const socket = new WebSocket(`${bridge.url.replace("http", "ws")}/api/twilio/media-stream/test-1`, {
      headers: { "x-twilio-signature": "forged" },
    });
    socket.on("error", () => {});
    const [, response] = await once(socket, "unexpected-response");
    expect(response.statusCode).toBe(403);
  });

  it("closes a stream whose start lacks a valid token with 1008, and sends OpenAI nothing", async () => {
    for (const token of [undefined, "forged.token"]) {
      const stream = await openMediaStream(bridge);
      stream.socket.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
      stream.socket.send(startFrame(form.CallSid, token));
      expect(await stream.closed).toBe(1008);
    }
    expect(bridge.sim.sessions).toHaveLength(0);
  });

  async function answeredCall(callSid: string) {
    const { token } = await answerCall(bridge, callSid);
    const { socket, closed } = await openMediaStream(bridge);
    return { token, socket, closed, session: await bridge.sim.session(bridge.sim.sessions.length - 1) };
  }
  const media = mediaFrame();

  it("refuses a stream with a forged token for a real call without sending its OpenAI session any audio", async () => {
    const callSid = `CA${"2".repeat(32)}`;
    const { socket, closed, session } = await answeredCall(callSid);
    socket.send(startFrame(callSid, "forged.token"));
    socket.send(media);
    expect(await closed).toBe(1008);
    expect(session.received.map((r) => r.event.type)).toEqual(["session.update"]);
  });

  it("ignores malformed Twilio messages and loses no audio sent right behind the start", async () => {
    const callSid = `CA${"3".repeat(32)}`;
    const { token, socket, session } = await answeredCall(callSid);
    for (const junk of [
      "not json",
      '{"event":"bogus"}',
      '{"event":"media"}',
      '{"event":"start","start":{}}',
    ]) {
      socket.send(junk);
    }
    // Start and three frames in one burst: the frames wait for the call to be attached.
    socket.send(startFrame(callSid, token));
    for (let i = 0; i < 3; i++) socket.send(media);
    await expect
      .poll(() => session.received.filter((r) => r.event.type === "input_audio_buffer.append").length)
      .toBe(3);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it("refuses an upgrade whose URL cannot be parsed, and keeps running", async () => {
    const { port } = new URL(bridge.url);
    const raw = connect(Number(port), "127.0.0.1");
    await once(raw, "connect");
    raw.write(
      "GET //a:99999/x HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    const [answer] = await once(raw, "data");
    expect(String(answer)).toMatch(/^HTTP\/1\.1 400/);
    raw.destroy();
    expect((await fetch(`${bridge.url}/healthz`)).status).toBe(200);
  });
});

describe("with the Realtime API switched off", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ env: { ENABLE_REALTIME_API: "false" } });
  });
  afterAll(() => bridge.close());

  it("records the call as legacy and answers with the ConversationEngine's <Gather>, opening no OpenAI session", async () => {
    const params = { ...form, CallSid: `CA${"4".repeat(32)}` };
    const res = await fetch(`${bridge.url}/api/twilio/voice`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilio.getExpectedTwilioSignature(
          AUTH_TOKEN,
          `${PUBLIC_BASE_URL}/api/twilio/voice`,
          params,
        ),
      },
      body: new URLSearchParams(params),
    });
    const twiml = parseTwiml(await res.text());
    expect(twiml.stream).toBeNull();
    expect(twiml.says[0]).toContain("デモ株式会社");
    expect(twiml.gatherAction).toBe(`${PUBLIC_BASE_URL}/api/twilio/legacy/gather?turn=1&misses=0`);
    expect(twiml.dial).toBeNull();
    expect(
      await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid: params.CallSid } }),
    ).toMatchObject({
      engine: "legacy",
      engineReason: "kill_switch_off",
    });
    expect(bridge.sim.sessions).toHaveLength(0);
  });
});
