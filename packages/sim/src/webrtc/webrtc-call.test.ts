import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import OpusScript from "opusscript";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { synthesizeSilence, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { FakeOpenAIRest } from "../openai/fake-openai-rest.ts";
import { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { SCENARIOS } from "../scenarios/fixtures.ts";
import { WebRtcTestClient } from "../testing/webrtc-test-client.ts";

/** What Koe's api binds to a test call's secret: the agent's settings, browser audio. */
const BROWSER_SESSION: RealtimeSessionCreateRequest = {
  type: "realtime",
  model: "gpt-realtime-2.1",
  instructions: "あなたはデモ株式会社の電話受付です。",
  audio: {
    input: {
      format: { type: "audio/pcm", rate: 24000 },
      transcription: { model: "gpt-realtime-whisper", language: "ja" },
      turn_detection: {
        type: "server_vad",
        threshold: 0.5,
        prefix_padding_ms: 300,
        silence_duration_ms: 500,
      },
    },
    output: { format: { type: "audio/pcm", rate: 24000 }, voice: "cedar", speed: 1.2 },
  },
  tools: [],
};

describe("WebRTC calls (POST /v1/realtime/calls) with client secrets", () => {
  let sim: RealtimeSimulator;
  let openai: FakeOpenAIRest;
  let clock = Date.now();
  const clients: WebRtcTestClient[] = [];

  beforeAll(async () => {
    sim = await RealtimeSimulator.start({ scenario: SCENARIOS.booking, audioPace: 4 });
    openai = await FakeOpenAIRest.start({ realtime: sim, now: () => clock });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(async () => {
    await openai.close();
    await sim.close();
  });

  async function mintSecret(session: unknown = BROWSER_SESSION) {
    const response = await fetch(`${openai.url}/realtime/client_secrets`, {
      method: "POST",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
      body: JSON.stringify({ expires_after: { anchor: "created_at", seconds: 600 }, session }),
    });
    // A secret, or OpenAI's error JSON: the tests look at the fields they expect.
    return { status: response.status, body: (await response.json()) as { value: string } };
  }

  function newClient(): WebRtcTestClient {
    const client = new WebRtcTestClient();
    clients.push(client);
    return client;
  }

  it("answers an SDP offer, speaks GA events on oai-events with the bound session, and its voice over Opus", async () => {
    const secret = await mintSecret();
    expect(secret.status).toBe(200);
    expect(secret.body).toMatchObject({
      value: expect.stringMatching(/^ek_/),
      session: { model: "gpt-realtime-2.1" },
    });
    const client = newClient();
    const response = await client.connect(`${openai.url}/realtime/calls`, secret.body.value);
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/sdp");
    expect(response.headers.get("location")).toMatch(/^\/v1\/realtime\/calls\/rtc_[\w-]+$/);
    const answer = await response.text();
    expect(answer).toMatch(/^m=audio /m);
    expect(answer).toMatch(/^m=application /m);
    // The simulator stays on loopback: no candidate on any other address.
    for (const line of answer.split("\r\n").filter((l) => l.startsWith("a=candidate:"))) {
      expect(line.split(" ")[4]).toBe("127.0.0.1");
    }

    const created = await client.next("session.created");
    expect(created.session).toMatchObject({
      model: "gpt-realtime-2.1",
      instructions: BROWSER_SESSION.instructions,
      audio: { output: { voice: "cedar", speed: 1.2 } },
    });
    expect(sim.sessions.at(-1)?.session.audio?.output?.voice).toBe("cedar");

    client.send({ type: "response.create" });
    const greeting = SCENARIOS.booking.steps[0];
    const transcript = await client.next("response.output_audio_transcript.done");
    expect(transcript.transcript).toBe(greeting?.speaker === "agent" ? greeting.say : "");
    await client.next("output_audio_buffer.stopped");
    const types = client.events.map((e) => e.type);
    expect(types).toContain("response.output_audio_transcript.delta");
    expect(types.indexOf("output_audio_buffer.started")).toBeLessThan(types.indexOf("response.done"));
    // Over WebRTC the audio is on the track, never in the events.
    expect(types).not.toContain("response.output_audio.delta");
    expect(client.audioPackets.length).toBeGreaterThan(10);
    const decoder = new OpusScript(24000, 1);
    expect(decoder.decode(client.audioPackets[5] ?? Buffer.alloc(0)).length).toBe(960);
    decoder.delete();

    expect(openai.calls.calls.size).toBe(1);
    await client.close();
    await expect.poll(() => openai.calls.calls.size, { timeout: 60_000 }).toBe(0);
  });

  it("hears the caller on the audio track: VAD, the transcription and the agent's answer", async () => {
    const client = newClient();
    await client.connect(`${openai.url}/realtime/calls`, (await mintSecret()).body.value);
    await client.next("session.created");
    await client.speak(
      Buffer.concat([synthesizeSilence(200), synthesizeSpeech(1200), synthesizeSilence(900)]),
    );
    await client.next("input_audio_buffer.speech_started");
    const heard = await client.next("conversation.item.input_audio_transcription.completed");
    const callerLine = SCENARIOS.booking.steps[1];
    expect(heard.transcript).toBe(callerLine?.speaker === "caller" ? callerLine.say : "");
    const answer = await client.next("response.output_audio_transcript.done");
    expect(answer.transcript.length).toBeGreaterThan(0);
  });

  it("refuses a secret it did not issue, an expired one, and a request without a secret with OpenAI's 401", async () => {
    const offer =
      "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";
    const post = (authorization?: string) =>
      fetch(`${openai.url}/realtime/calls`, {
        method: "POST",
        body: offer,
        headers: { "content-type": "application/sdp", ...(authorization ? { authorization } : {}) },
      });
    const unknown = await post("Bearer ek_not_issued_by_this_fake");
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({
      error: { type: "invalid_request_error", code: "invalid_api_key", message: expect.any(String) },
    });
    expect((await post()).status).toBe(401);

    const { value } = (await mintSecret()).body;
    clock += 601_000;
    const expired = await post(`Bearer ${value}`);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { message: expect.stringContaining("expired") } });
  });

  it("refuses a bad session when minting, and an offer that is not SDP", async () => {
    const bad = await mintSecret({ ...BROWSER_SESSION, audio: { output: { voice: "nova" } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { param: "session.audio.output.voice" } });

    const { value } = (await mintSecret()).body;
    const notSdp = await fetch(`${openai.url}/realtime/calls`, {
      method: "POST",
      body: "hello",
      headers: { authorization: `Bearer ${value}`, "content-type": "application/sdp" },
    });
    expect(notSdp.status).toBe(400);
    expect(await notSdp.json()).toMatchObject({ error: { code: "invalid_offer" } });
  });

  it("lets a browser call it: CORS preflight and the Location header exposed", async () => {
    const preflight = await fetch(`${openai.url}/realtime/calls`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
  });
});
