import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode as encodeAlaw } from "../audio/alaw.ts";
import { decode as decodeMulaw } from "../audio/mulaw.ts";
import { synthesizeSilence, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { SCENARIOS } from "../scenarios/fixtures.ts";
import { ManualClock } from "../testing/manual-clock.ts";
import { ReferenceClient } from "../testing/reference-client.ts";
import { RealtimeSimulator } from "./realtime-simulator.ts";

const PCMU = { type: "audio/pcmu" as const };
const TRANSCRIBED = {
  type: "realtime" as const,
  audio: {
    input: { format: PCMU, transcription: { model: "gpt-transcribe" } },
    output: { format: PCMU },
  },
};

/** A caller turn of ~1 s of speech then silence, μ-law: server VAD commits it. */
const callerTurn = () => Buffer.concat([synthesizeSpeech(1000), synthesizeSilence(700)]);

const audioDeltas = (events: RealtimeServerEvent[]) =>
  events.filter((e) => e.type === "response.output_audio.delta");

describe("the simulator behaves like the GA API", () => {
  const clock = new ManualClock();
  let sim: RealtimeSimulator;
  beforeAll(async () => {
    sim = await RealtimeSimulator.start({ clock, scenario: SCENARIOS.booking });
  });
  afterAll(() => sim.close());

  async function connected(session: object = { type: "realtime" }) {
    const client = await ReferenceClient.connect(sim.url);
    client.send({ type: "session.update", session: session as never });
    await client.next("session.updated");
    return client;
  }

  /** Lets a response stream to its end (moving the clock until it has). */
  async function finish(client: ReferenceClient) {
    let settled = false;
    const done = client.next("response.done").finally(() => {
      settled = true;
    });
    while (!settled) {
      clock.advance(60_000);
      await new Promise(setImmediate);
    }
    return done;
  }

  it("sends a response's audio faster than real time, in bursts", async () => {
    const client = await connected();
    client.send({ type: "response.create" });
    await client.next("response.output_audio.delta");
    const { sent } = await sim.session(sim.sessions.length - 1);
    // Before the clock moves at all, a burst of several chunks has left.
    expect(audioDeltas(sent).length).toBeGreaterThan(1);
    for (let ms = 0; ms < 1000; ms += 10) {
      clock.advance(10);
      await new Promise(setImmediate);
    }
    // In one second, more than two seconds of audio (PCM 24 kHz: 48 bytes a millisecond).
    const sentMs = audioDeltas(sent).reduce((ms, e) => ms + Buffer.from(e.delta, "base64").length / 48, 0);
    expect(sentMs).toBeGreaterThan(2000);
    await finish(client);
    await client.close();
  });

  it("runs transcription asynchronously: it may complete after the response has started", async () => {
    const late = await RealtimeSimulator.start({ clock, transcriptionDelayMs: { min: 300, max: 300 } });
    const client = await ReferenceClient.connect(late.url);
    client.send({ type: "session.update", session: TRANSCRIBED });
    await client.next("session.updated");
    client.appendAudio(callerTurn());
    const created = await client.next("response.created");
    const order = () => client.events.map((e) => e.type);
    expect(order()).not.toContain("conversation.item.input_audio_transcription.completed");
    clock.advance(300);
    const completed = await client.next("conversation.item.input_audio_transcription.completed");
    expect(order().indexOf("response.created")).toBeLessThan(order().lastIndexOf(completed.type));
    expect(created.response.status).toBe("in_progress");
    await client.close();
    await late.close();
  });

  it("draws the transcription moment from the seed: the same seed, the same moments", async () => {
    const moments = async (seed: number) => {
      const seeded = await RealtimeSimulator.start({
        clock,
        seed,
        transcriptionDelayMs: { min: 0, max: 5000 },
      });
      const client = await ReferenceClient.connect(seeded.url);
      client.send({ type: "session.update", session: TRANSCRIBED });
      await client.next("session.updated");
      client.appendAudio(callerTurn());
      await client.next("input_audio_buffer.committed");
      let waited = 0;
      while (!client.events.some((e) => e.type === "conversation.item.input_audio_transcription.completed")) {
        clock.advance(10);
        waited += 10;
        await new Promise(setImmediate);
      }
      await client.close();
      await seeded.close();
      return waited;
    };
    expect(await moments(7)).toBe(await moments(7));
  });

  it("keeps items current: retrieve, transcript keys, previous_item_id on item.done", async () => {
    const client = await connected(TRANSCRIBED);
    client.send({ type: "response.create" });
    const { item: assistant } = await client.next("conversation.item.added");
    await finish(client);
    client.send({ type: "conversation.item.retrieve", item_id: assistant.id ?? "" });
    const { item: retrieved } = await client.next("conversation.item.retrieved");
    const greeting = SCENARIOS.booking.steps[0]?.speaker === "agent" ? SCENARIOS.booking.steps[0].say : "";
    expect(retrieved).toMatchObject({
      status: "completed",
      content: [{ type: "output_audio", transcript: greeting }],
    });

    client.appendAudio(callerTurn());
    const { item: user } = await client.next(
      "conversation.item.added",
      (e) => "role" in e.item && e.item.role === "user",
    );
    // @openai/agents requires the key: string | null.
    expect(user.type === "message" && "transcript" in (user.content[0] ?? {})).toBe(true);
    const done = await client.next("conversation.item.done", (e) => e.item.id === user.id);
    expect(done.previous_item_id).toBe(assistant.id);
    clock.advance(60_000);
    const { transcript } = await client.next("conversation.item.input_audio_transcription.completed");
    client.send({ type: "conversation.item.retrieve", item_id: user.id ?? "" });
    const { item: heard } = await client.next("conversation.item.retrieved");
    expect(heard).toMatchObject({ content: [{ type: "input_audio", transcript }] });
    await client.close();
  });

  it("inserts created items after previous_item_id, at the start for root, and refuses an unknown id", async () => {
    const client = await connected();
    const text = (t: string) => ({
      type: "message" as const,
      role: "user" as const,
      content: [{ type: "input_text" as const, text: t }],
    });
    client.send({ type: "conversation.item.create", item: { ...text("a"), id: "item_a" } });
    client.send({ type: "conversation.item.create", item: { ...text("b"), id: "item_b" } });
    client.send({
      type: "conversation.item.create",
      previous_item_id: "item_a",
      item: { ...text("c"), id: "item_c" },
    });
    const c = await client.next("conversation.item.added", (e) => e.item.id === "item_c");
    expect(c.previous_item_id).toBe("item_a");
    client.send({
      type: "conversation.item.create",
      previous_item_id: "root",
      item: { ...text("r"), id: "item_r" },
    });
    expect(
      (await client.next("conversation.item.added", (e) => e.item.id === "item_r")).previous_item_id,
    ).toBeNull();
    client.send({
      type: "conversation.item.create",
      event_id: "evt_x",
      previous_item_id: "item_nope",
      item: text("x"),
    });
    const error = await client.next("error");
    expect(error.error).toMatchObject({ param: "previous_item_id", event_id: "evt_x" });
    await client.close();
  });

  it("refuses an unknown transcription model", async () => {
    const client = await ReferenceClient.connect(sim.url);
    client.send({
      type: "session.update",
      session: { type: "realtime", audio: { input: { transcription: { model: "whisper-9" } } } },
    });
    expect((await client.next("error")).error).toMatchObject({
      code: "invalid_value",
      param: "session.audio.input.transcription.model",
    });
    await client.close();
  });

  it("echoes max_output_tokens and tracing as the client set them", async () => {
    const client = await ReferenceClient.connect(sim.url);
    client.send({
      type: "session.update",
      session: { type: "realtime", max_output_tokens: 512, tracing: "auto" },
    });
    const { session } = await client.next("session.updated");
    expect(session).toMatchObject({ max_output_tokens: 512, tracing: "auto" });
    // "inf" lifts the limit again, in a session and in one response.
    client.send({ type: "session.update", session: { type: "realtime", max_output_tokens: "inf" } });
    expect((await client.next("session.updated")).session).toMatchObject({ max_output_tokens: "inf" });
    client.send({ type: "response.create", response: { max_output_tokens: "inf" } });
    await client.next("response.created");
    await client.close();
  });

  it("answers in text only when output_modalities is text", async () => {
    const client = await connected({ type: "realtime", output_modalities: ["text"] });
    client.send({ type: "response.create" });
    const done = await finish(client);
    const types = client.events.map((e) => e.type);
    expect(types).toContain("response.output_text.delta");
    expect(types).toContain("response.output_text.done");
    expect(audioDeltas(client.events)).toHaveLength(0);
    expect(done.response.output?.[0]).toMatchObject({ content: [{ type: "output_text" }] });
    await client.close();
  });

  it("applies response.create overrides: out of band (conversation none), modalities, metadata", async () => {
    const client = await connected();
    client.send({
      type: "response.create",
      response: { conversation: "none", output_modalities: ["text"], metadata: { topic: "summary" } },
    });
    const done = await finish(client);
    expect(done.response.metadata).toEqual({ topic: "summary" });
    expect(audioDeltas(client.events)).toHaveLength(0);
    expect(client.events.some((e) => e.type === "conversation.item.added")).toBe(false);
    client.send({ type: "conversation.item.retrieve", item_id: done.response.output?.[0]?.id ?? "" });
    expect((await client.next("error")).error.code).toBe("item_not_found");
    await client.close();
  });

  it("refuses an append of more than 15 MiB of audio", async () => {
    const client = await connected();
    // Just over the limit, in a frame the simulator still reads: an error event.
    const audio = Buffer.alloc(15 * 1024 * 1024 + 12_000, 0xff).toString("base64");
    client.send({ type: "input_audio_buffer.append", event_id: "evt_big", audio });
    expect((await client.next("error")).error).toMatchObject({ event_id: "evt_big", param: "audio" });
    // Far over it (40 MiB of audio): the frame itself is refused, 1009 (message too big).
    const closed = client.closed;
    client.send({
      type: "input_audio_buffer.append",
      audio: Buffer.alloc(40 * 1024 * 1024).toString("base64"),
    });
    expect((await closed).code).toBe(1009);
  });

  it("speaks and hears G.711 A-law (audio/pcma)", async () => {
    const pcma = { type: "audio/pcma" as const };
    const client = await ReferenceClient.connect(sim.url);
    client.send({
      type: "session.update",
      session: { type: "realtime", audio: { input: { format: pcma }, output: { format: pcma } } },
    });
    const { session } = await client.next("session.updated");
    expect(session).toMatchObject({ audio: { input: { format: pcma }, output: { format: pcma } } });
    client.send({ type: "response.create" });
    const created = await client.next("response.created");
    expect(created.response.audio?.output?.format).toEqual(pcma);
    await finish(client);
    // Silence in A-law is 0xd5 (μ-law's 0xff would be loud noise): the VAD must hear speech, not silence.
    client.appendAudio(encodeAlaw(decodeMulaw(callerTurn())));
    await client.next("input_audio_buffer.speech_stopped");
    await finish(client);
    await client.close();
  });

  it("sends rate_limits.updated right after response.created", async () => {
    const client = await connected();
    client.send({ type: "response.create" });
    await finish(client);
    const types = client.events.map((e) => e.type);
    expect(types[types.indexOf("response.created") + 1]).toBe("rate_limits.updated");
    await client.close();
  });

  it("answers invalid base64 audio with invalid_value", async () => {
    const client = await connected();
    client.send({ type: "input_audio_buffer.append", audio: "!!not base64!!" });
    expect((await client.next("error")).error).toMatchObject({
      type: "invalid_request_error",
      code: "invalid_value",
      param: "audio",
    });
    await client.close();
  });
});
