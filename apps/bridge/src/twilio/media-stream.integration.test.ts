import { parseTwiml } from "@koe/sim";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import {
  answerCall,
  appendsReceived,
  mediaFrame,
  openMediaStream,
  startFrame,
  startLiveCall,
} from "../testing/media-stream-client.ts";

const WAIT = { timeout: 15_000, interval: 50 };

describe("media streams", () => {
  let bridge: BridgeHarness;
  const logLines: { msg: string; level: number }[] = [];
  let nextSid = 0;
  const newCallSid = () => `CA${String(++nextSid).padStart(32, "7")}`;

  beforeAll(async () => {
    bridge = await startBridgeHarness({
      env: { MEDIA_STREAM_START_TIMEOUT_MS: "3000", MEDIA_STREAM_MAX_PENDING: "3" },
      logger: pino({ level: "info" }, { write: (line: string) => logLines.push(JSON.parse(line)) }),
    });
  });
  afterAll(() => bridge.close());

  const row = (callSid: string) =>
    bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid }, include: { events: true } });
  const appendsOf = (callSid: string) => appendsReceived(bridge, callSid);
  const liveCall = () => startLiveCall(bridge, newCallSid());

  it("binds a token to its first stream: a second connection with it gets 1008, the first keeps its call", async () => {
    const { callSid, token, stream } = await liveCall();
    const thief = await openMediaStream(bridge);
    thief.socket.send(startFrame(callSid, token, "MZ-thief"));
    expect(await thief.closed).toBe(1008);

    stream.socket.send(mediaFrame());
    await vi.waitFor(async () => expect(await appendsOf(callSid)).toBe(1), WAIT);
    expect(await row(callSid)).toMatchObject({ status: "active", streamSid: "MZ1" });
    expect(stream.socket.readyState).toBe(stream.socket.OPEN);
    stream.socket.close();
  });

  it.each([
    ["a second start with a bad token", (callSid: string) => startFrame(callSid, "forged.token")],
    ["a second start with its own token", (callSid: string, token: string) => startFrame(callSid, token)],
    ["a frame that is not JSON", () => "{not json"],
    ["a binary frame", () => Buffer.from([1, 2, 3])],
  ])("ends a live call on %s: 1008, row finalized, line and OpenAI session released", async (_, frame) => {
    const { callSid, token, stream } = await liveCall();
    stream.socket.send(frame(callSid, token));
    expect(await stream.closed).toBe(1008);
    await vi.waitFor(
      async () =>
        expect(await row(callSid)).toMatchObject({ status: "completed", endReason: "protocol_violation" }),
      WAIT,
    );
    expect(bridge.ctx.calls.isLive(callSid)).toBe(false);
  });

  it("hangs up a replayed webhook of a finished call, opens no session, and never reopens the row", async () => {
    const { callSid, token, stream } = await liveCall();
    stream.socket.send(
      JSON.stringify({
        event: "stop",
        sequenceNumber: "9",
        streamSid: "MZ1",
        stop: { accountSid: "AC1", callSid },
      }),
    );
    await vi.waitFor(async () => expect((await row(callSid)).status).toBe("completed"), WAIT);
    const sessions = bridge.sim.sessions.length;

    const replay = parseTwiml((await answerCall(bridge, callSid)).twiml);
    expect(replay.stream).toBeNull();
    expect(replay.hangup).toBe(true);
    const late = await openMediaStream(bridge);
    late.socket.send(startFrame(callSid, token, "MZ-late"));
    expect(await late.closed).toBe(1008);
    expect(bridge.sim.sessions).toHaveLength(sessions);
    expect(await row(callSid)).toMatchObject({ status: "completed", streamSid: "MZ1" });
  });

  it("closes a stream without a start in time, and refuses streams beyond the bound of waiting ones", async () => {
    const waiting = await Promise.all([1, 2, 3].map(() => openMediaStream(bridge)));
    const extra = await openMediaStream(bridge);
    expect(await extra.closed).toBe(1013);
    expect(await Promise.all(waiting.map((w) => w.closed))).toEqual([1008, 1008, 1008]);
  });

  it("closes a stream whose media comes before any start", async () => {
    const stream = await openMediaStream(bridge);
    stream.socket.send(mediaFrame());
    expect(await stream.closed).toBe(1008);
  });

  it("counts garbage before the start in /metrics and logs only a few lines of it", async () => {
    const rejections = () => logLines.filter((l) => l.msg === "rejected a frame from Twilio").length;
    const before = rejections();
    const stream = await openMediaStream(bridge);
    for (let i = 0; i < 200; i++) stream.socket.send(i % 2 ? "garbage" : '{"event":"media"}');
    const metrics = async () => (await bridge.ctx.metrics.twilioFramesRejected.get()).values;
    await vi.waitFor(
      async () => expect((await metrics()).reduce((sum, v) => sum + v.value, 0)).toBeGreaterThanOrEqual(200),
      WAIT,
    );
    expect(rejections() - before).toBeLessThanOrEqual(3);
    stream.socket.close();
  });

  it("never turns invalid DTMF into events or error lines", async () => {
    const { callSid, stream } = await liveCall();
    const dtmf = (digit: unknown) =>
      JSON.stringify({
        event: "dtmf",
        sequenceNumber: "5",
        streamSid: "MZ1",
        dtmf: { track: "inbound_track", digit },
      });
    const errorsBefore = logLines.filter((l) => l.level >= 50).length;
    for (const digit of ["X", "12", "", "*#", 7, null, "ア"]) stream.socket.send(dtmf(digit));
    stream.socket.send(dtmf("#"));
    await vi.waitFor(
      async () => expect((await row(callSid)).events.filter((e) => e.type === "dtmf")).toHaveLength(1),
      WAIT,
    );
    const { events } = await row(callSid);
    expect(events.filter((e) => e.type === "dtmf").map((e) => e.payload)).toEqual([{ digit: "#" }]);
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(logLines.filter((l) => l.level >= 50).length).toBe(errorsBefore);
    expect(stream.socket.readyState).toBe(stream.socket.OPEN);
    stream.socket.close();
  });
});
