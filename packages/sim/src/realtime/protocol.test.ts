import { once } from "node:events";
import type { RealtimeClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { WebSocket } from "ws";
import { synthesizeSilence, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { ManualClock } from "../testing/manual-clock.ts";
import { ReferenceClient } from "../testing/reference-client.ts";
import { RealtimeSimulator } from "./realtime-simulator.ts";

describe("GA protocol rules", () => {
  // Responses stream only as far as the test advances this clock: one stays active while misused.
  const clock = new ManualClock();
  let sim: RealtimeSimulator;
  beforeAll(async () => {
    sim = await RealtimeSimulator.start({ clock });
  });
  afterAll(() => sim.close());

  async function connected() {
    const client = await ReferenceClient.connect(sim.url);
    await client.next("session.created");
    return client;
  }

  it("records events typed by the SDK's GA unions", async () => {
    const client = await connected();
    client.send({ type: "session.update", session: { type: "realtime", instructions: "テスト" } });
    await client.next("session.updated");
    const session = await sim.session(sim.sessions.length - 1);
    expectTypeOf(session.sent).toEqualTypeOf<RealtimeServerEvent[]>();
    expectTypeOf(session.received[0]?.event).toEqualTypeOf<RealtimeClientEvent | undefined>();
    expect(session.received.map((r) => r.event.type)).toEqual(["session.update"]);
    await client.close();
  });

  it("refuses a connection without a bearer key, as the API does (HTTP 401)", async () => {
    const socket = new WebSocket(`${sim.url}?model=gpt-realtime-2.1`);
    const [, response] = await once(socket, "unexpected-response");
    expect(response.statusCode).toBe(401);
    socket.on("error", () => {}); // terminating a refused upgrade reports "closed before established"
    socket.terminate();
  });

  it("refuses a beta client (OpenAI-Beta header) with an error event and closes", async () => {
    const client = await ReferenceClient.connect(sim.url, { headers: { "OpenAI-Beta": "realtime=v1" } });
    const closed = client.closed;
    const error = await client.next("error");
    expect(error.error.code).toBe("beta_api_shut_down");
    expect((await closed).code).toBe(1008);
  });

  it("refuses a model that is not a Realtime model", async () => {
    const client = await ReferenceClient.connect(sim.url, { model: "gpt-4o" });
    expect((await client.next("error")).error.code).toBe("model_not_found");
  });

  it.each([
    [{ instructions: "x" }, "missing_required_parameter", "session.type"],
    [{ type: "realtime", temperature: 0.8 }, "unknown_parameter", "session.temperature"],
    [{ type: "realtime", modalities: ["audio"] }, "unknown_parameter", "session.modalities"],
    [
      { type: "realtime", input_audio_format: "g711_ulaw" },
      "unknown_parameter",
      "session.input_audio_format",
    ],
    [
      { type: "realtime", audio: { output: { voice: "nova" } } },
      "invalid_value",
      "session.audio.output.voice",
    ],
    [{ type: "realtime", audio: { output: { speed: 2 } } }, "invalid_value", "session.audio.output.speed"],
    [
      { type: "realtime", audio: { input: { format: { type: "g711_ulaw" } } } },
      "invalid_value",
      "session.audio.input.format",
    ],
    [
      { type: "realtime", tools: [{ type: "function", name: "bad name!" }] },
      "invalid_value",
      "session.tools",
    ],
  ])("refuses session.update %j", async (session, code, param) => {
    const client = await connected();
    client.send(JSON.parse(JSON.stringify({ type: "session.update", event_id: "evt_1", session })));
    const error = await client.next("error");
    expect(error.error).toMatchObject({ type: "invalid_request_error", code, param, event_id: "evt_1" });
    await client.close();
  });

  it("echoes the effective configuration in session.updated", async () => {
    const client = await connected();
    client.send({
      type: "session.update",
      session: {
        type: "realtime",
        audio: {
          input: { format: { type: "audio/pcmu" } },
          output: { format: { type: "audio/pcmu" }, voice: "cedar", speed: 1.2 },
        },
      },
    });
    const { session } = await client.next("session.updated");
    expect(session).toMatchObject({
      type: "realtime",
      model: "gpt-realtime-2.1",
      audio: {
        input: {
          format: { type: "audio/pcmu" },
          turn_detection: { type: "server_vad", silence_duration_ms: 500 },
        },
        output: { format: { type: "audio/pcmu" }, voice: "cedar", speed: 1.2 },
      },
    });
    await client.close();
  });

  it("refuses beta event names and unknown events", async () => {
    const client = await connected();
    client.send(JSON.parse('{"type":"transcription_session.update","session":{}}'));
    expect((await client.next("error")).error.message).toMatch(/retired beta API/);
    client.send(JSON.parse('{"type":"response.make_it_so"}'));
    expect((await client.next("error")).error.message).toMatch(/Invalid value: 'response.make_it_so'/);
    await client.close();
  });

  it("answers misuse like the API: cancel without a response, empty commit, unknown call_id, voice change after audio", async () => {
    const client = await connected();
    client.send({ type: "response.cancel" });
    expect((await client.next("error")).error.code).toBe("response_cancel_not_active");
    client.send({ type: "input_audio_buffer.commit" });
    expect((await client.next("error")).error.code).toBe("input_audio_buffer_commit_empty");
    client.send({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: "call_nope", output: "{}" },
    });
    expect((await client.next("error")).error.param).toBe("item.call_id");
    client.send({ type: "response.create" });
    await client.next("response.output_audio.delta");
    client.send({ type: "response.create" });
    expect((await client.next("error")).error.code).toBe("conversation_already_has_active_response");
    clock.advance(60_000);
    expect((await client.next("response.done")).response.status).toBe("completed");
    client.send({
      type: "session.update",
      session: { type: "realtime", audio: { output: { voice: "ash" } } },
    });
    expect((await client.next("error")).error.code).toBe("cannot_update_voice");
    await client.close();
  });

  it("clears the input buffer and forgets speech in progress", async () => {
    const client = await connected();
    client.send({
      type: "session.update",
      session: { type: "realtime", audio: { input: { format: { type: "audio/pcmu" } } } },
    });
    await client.next("session.updated");
    client.appendAudio(synthesizeSpeech(600));
    await client.next("input_audio_buffer.speech_started");
    client.send({ type: "input_audio_buffer.clear" });
    await client.next("input_audio_buffer.cleared");
    client.appendAudio(synthesizeSilence(1000));
    client.send({ type: "input_audio_buffer.commit" });
    await client.next("input_audio_buffer.committed");
    expect(client.events.some((e) => e.type === "input_audio_buffer.speech_stopped")).toBe(false);
    await client.close();
  });
});

describe("fault controls", () => {
  const clock = new ManualClock();
  let sim: RealtimeSimulator;
  beforeAll(async () => {
    sim = await RealtimeSimulator.start({ clock });
  });
  afterAll(() => sim.close());

  it("refuses connections with a given HTTP status, a given number of times", async () => {
    sim.faults.refuseConnections = { status: 503, remaining: 1 };
    const socket = new WebSocket(`${sim.url}?model=gpt-realtime-2.1`, {
      headers: { Authorization: "Bearer sk" },
    });
    const [, response] = await once(socket, "unexpected-response");
    expect(response.statusCode).toBe(503);
    socket.on("error", () => {}); // terminating a refused upgrade reports "closed before established"
    socket.terminate();
    const client = await ReferenceClient.connect(sim.url);
    await client.next("session.created");
    await client.close();
  });

  it("answers a chosen client event with an error event", async () => {
    sim.faults.errorOn = {
      clientEvent: "response.create",
      code: "server_error",
      message: "simulated",
      remaining: 1,
    };
    const client = await ReferenceClient.connect(sim.url);
    client.send({ type: "response.create" });
    expect((await client.next("error")).error).toMatchObject({ type: "server_error", message: "simulated" });
    await client.close();
  });

  it("drops the socket without a close frame on a chosen client event", async () => {
    sim.faults.dropSocket = { onClientEvent: "response.create" };
    const client = await ReferenceClient.connect(sim.url);
    const closed = client.closed;
    client.send({ type: "response.create" });
    expect((await closed).code).toBe(1006);
  });

  it("drops the socket after a delay", async () => {
    sim.faults.dropSocket = { afterMs: 100 };
    const client = await ReferenceClient.connect(sim.url);
    expect((await client.closed).code).toBe(1006);
  });

  it("delays the first audio of a response", async () => {
    const client = await ReferenceClient.connect(sim.url);
    const session = await sim.session(sim.sessions.length - 1);
    const audioSent = () => session.sent.filter((e) => e.type === "response.output_audio.delta").length;
    client.send({ type: "response.create" });
    await client.next("response.output_audio.delta");
    expect(audioSent()).toBeGreaterThan(0);
    clock.advance(60_000);
    await client.next("response.done");
    const before = audioSent();
    sim.faults.firstAudioDelayMs = 300;
    client.send({ type: "response.create" });
    await client.next("response.content_part.added");
    clock.advance(299);
    await new Promise(setImmediate);
    expect(audioSent()).toBe(before);
    clock.advance(1);
    await client.next("response.output_audio.delta");
    expect(audioSent()).toBeGreaterThan(before);
    sim.faults.firstAudioDelayMs = 0;
    clock.advance(60_000);
    await client.next("response.done");
    await client.close();
  });

  it("reads slowly when asked to", async () => {
    sim.faults.slowReadMs = 50;
    const client = await ReferenceClient.connect(sim.url);
    await client.next("session.created");
    const started = performance.now();
    for (let i = 0; i < 4; i++) client.send({ type: "session.update", session: { type: "realtime" } });
    for (let i = 0; i < 4; i++) await client.next("session.updated");
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    sim.faults.slowReadMs = 0;
    await client.close();
  });
});
