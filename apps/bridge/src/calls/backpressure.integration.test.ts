import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { parseTwiml } from "@koe/sim";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { AUTH_TOKEN, type BridgeHarness } from "../testing/bridge-harness.ts";
import type { OpenAIProxy } from "../testing/openai-proxy.ts";
import { startProxiedBridge } from "../testing/proxied-bridge.ts";
import { SEND_CAP_BYTES } from "./send-budget.ts";

/** 8,000 bytes of μ-law (one second of audio) per delta, as base64. */
const DELTA = randomBytes(8_000).toString("base64");
/** What one forwarded delta adds to the Twilio socket at most: the media JSON and its mark. */
const FRAME_OVERHEAD_BYTES = 1_024;

describe("a Twilio reader that stops reading", () => {
  let proxy: OpenAIProxy;
  let bridge: BridgeHarness;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ proxy, bridge, close } = await startProxiedBridge());
  });
  afterAll(() => close());

  it("ends the call as peer_stalled while the bytes waiting for Twilio stay under the cap", async () => {
    const callSid = `CA${randomBytes(16).toString("hex")}`;
    const answer = await bridge.post("/api/twilio/voice", {
      AccountSid: "ACtest",
      CallSid: callSid,
      CallStatus: "ringing",
      Direction: "inbound",
      From: "+819011112222",
      To: "+815012345678",
    });
    const stream = parseTwiml(await answer.text()).stream;
    if (!stream) throw new Error("the voice webhook answered without a stream");
    const socket = new WebSocket(new URL(new URL(stream.url).pathname, bridge.url.replace(/^http/, "ws")), {
      headers: { "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, stream.url, {}) },
    });
    await once(socket, "open");
    const streamSid = `MZ${randomBytes(16).toString("hex")}`;
    socket.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
    socket.send(
      JSON.stringify({
        event: "start",
        sequenceNumber: "1",
        streamSid,
        start: {
          streamSid,
          accountSid: "ACtest",
          callSid,
          tracks: ["inbound"],
          customParameters: stream.parameters,
          mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        },
      }),
    );
    // Twilio's side stops reading: nothing the bridge sends is taken off the socket any more.
    socket.pause();
    const session = await proxy.session(0);
    await expect.poll(() => bridge.ctx.calls.get(callSid)?.unsentBytes).toBeDefined();
    const call = bridge.ctx.calls.get(callSid);

    // OpenAI keeps sending audio, far more than the loopback's kernel buffers hold.
    let most = 0;
    let deltas = 0;
    while (session.bridge.readyState === WebSocket.OPEN && deltas < 4_000) {
      for (let i = 0; i < 20; i++)
        session.inject(
          JSON.stringify({ type: "response.output_audio.delta", item_id: "item_long", delta: DELTA }),
        );
      deltas += 20;
      most = Math.max(most, call?.unsentBytes.twilio ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await expect
      .poll(
        async () => {
          most = Math.max(most, call?.unsentBytes.twilio ?? 0);
          await bridge.ctx.journal.drain();
          return (await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid } })).endReason;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe("peer_stalled");

    expect(most).toBeGreaterThan(SEND_CAP_BYTES / 2);
    expect(most).toBeLessThanOrEqual(SEND_CAP_BYTES + FRAME_OVERHEAD_BYTES);
    const dropped = (await bridge.ctx.metrics.framesDropped.get()).values.find(
      (v) => v.labels.direction === "out",
    );
    expect(dropped?.value).toBeGreaterThan(0);
    const ended = (await bridge.ctx.metrics.callsEnded.get()).values.find(
      (v) => v.labels.reason === "peer_stalled",
    );
    expect(ended?.value).toBe(1);
    // The caller is not left in silence: the apology and the operator.
    expect(bridge.twilioRest.callUpdates(callSid)[0]?.params.Twiml).toContain("申し訳ございません");
    socket.terminate();
  }, 90_000);
});
