import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { ManualClock } from "../testing/manual-clock.ts";
import { BAD_INPUT } from "./bad-input.ts";
import {
  CALLER_LINE,
  CONFORMANCE_SCENARIO,
  callerAudio,
  frames20ms,
  GREETING,
  INTERRUPTION,
  LAST_ANSWER,
  PHONE_SESSION,
  TOOL_CALL,
} from "./call-script.ts";
import { advanceUntil } from "./clock-pump.ts";
import { connectOpenAIClient } from "./openai-client.ts";
import { expectSdkConformingEvents } from "./sdk-conformance.ts";

// The simulator's audio moves only when the test advances this clock: the interrupted answer is
// still streaming when the caller barges in, however loaded the machine is.
const clock = new ManualClock();
let sim: RealtimeSimulator;
beforeAll(async () => {
  sim = await RealtimeSimulator.start({ scenario: CONFORMANCE_SCENARIO, clock });
});
afterAll(() => sim.close());

async function configured() {
  const client = await connectOpenAIClient(sim);
  await client.log.next("session.created");
  client.rt.send({ type: "session.update", session: PHONE_SESSION });
  await client.log.next("session.updated");
  return client;
}

describe("the openai package's OpenAIRealtimeWS against the simulator", () => {
  it("plays a greeting, a caller turn, a tool call and a barge-in with truncate, with no error", async () => {
    const { rt, log, failures, closed } = await configured();
    const say = (line: string) => {
      for (const frame of frames20ms(callerAudio(line))) {
        rt.send({ type: "input_audio_buffer.append", audio: frame.toString("base64") });
      }
    };

    log.mark();
    rt.send({ type: "response.create" });
    expect((await advanceUntil(clock, log.next("response.done"))).response.status).toBe("completed");
    expect((await log.next("response.output_audio_transcript.done")).transcript).toBe(GREETING.say);

    log.mark();
    say(CALLER_LINE.say);
    const toolResponse = await advanceUntil(clock, log.next("response.done"));
    expect(toolResponse.response.status).toBe("completed");
    const call = await log.next("response.function_call_arguments.done");
    expect(call.name).toBe(TOOL_CALL.name);
    expect(JSON.parse(call.arguments)).toEqual(TOOL_CALL.arguments);
    expect((await log.next("conversation.item.input_audio_transcription.completed")).transcript).toBe(
      CALLER_LINE.say,
    );

    log.mark();
    rt.send({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: call.call_id, output: '{"booked":true}' },
    });
    await log.next("conversation.item.done", (e) => e.item.type === "function_call_output");
    rt.send({ type: "response.create" });
    const answer = await log.next("response.output_audio.delta");

    clock.advance(INTERRUPTION.interruptAfterMs ?? 0);
    say(INTERRUPTION.say);
    await log.next("input_audio_buffer.speech_started");
    const interrupted = await log.next("response.done", (e) => e.response.id === answer.response_id);
    expect(interrupted.response.status).toBe("cancelled");
    const heardMs = Math.floor(log.audioMs(answer.item_id) / 2);
    rt.send({
      type: "conversation.item.truncate",
      item_id: answer.item_id,
      content_index: 0,
      audio_end_ms: heardMs,
    });
    expect((await log.next("conversation.item.truncated")).audio_end_ms).toBe(heardMs);

    const last = await advanceUntil(
      clock,
      log.next("response.done", (e) => e.response.id !== answer.response_id),
    );
    expect(last.response.status).toBe("completed");
    const lastTranscript = await log.next(
      "response.output_audio_transcript.done",
      (e) => e.item_id !== answer.item_id,
    );
    expect(lastTranscript.transcript).toBe(LAST_ANSWER.say);
    expect((await log.next("conversation.item.input_audio_transcription.completed")).transcript).toBe(
      INTERRUPTION.say,
    );

    expect(log.errors()).toEqual([]);
    expect(failures).toEqual([]);
    await closed();
  });
});

/**
 * Sends one bad frame and returns the error as the client reported it, after checking that its
 * `error` event and the server's error event agree and that the session still answers.
 */
async function errorFor(client: Awaited<ReturnType<typeof configured>>, frame: string) {
  const { rt, log, failures } = client;
  log.mark();
  const reported = failures.length;
  rt.socket.send(frame);
  const { error } = await log.next("error");
  expect(failures[reported]).toMatchObject({ name: "OpenAIRealtimeError", error });
  rt.send({ type: "session.update", session: { type: "realtime" } });
  await log.next("session.updated");
  return error;
}

describe("the openai package's OpenAIRealtimeWS sees the API's error for each bad input", () => {
  it.each(BAD_INPUT)("%s", async (_what, input, expected) => {
    const client = await configured();
    const frame =
      typeof input === "string" ? input : JSON.stringify({ event_id: "evt_bad", ...(input as object) });
    const error = await errorFor(client, frame);
    expect(error).toMatchObject({
      type: "invalid_request_error",
      ...expected,
      // The API names the client event it refuses, when it could read the event's id.
      event_id: typeof input === "string" ? null : "evt_bad",
    });
    await client.closed();
  });

  it("refuses misuse that depends on the conversation: a second response, bad truncates, a late voice change", async () => {
    const client = await configured();
    const { rt, log } = client;
    log.mark();
    rt.send({ type: "response.create" });
    const audio = await log.next("response.output_audio.delta");
    const send = (event: object) => JSON.stringify({ event_id: "evt_bad", ...event });
    expect(await errorFor(client, send({ type: "response.create" }))).toMatchObject({
      code: "conversation_already_has_active_response",
    });
    await advanceUntil(clock, log.next("response.done"));
    const receivedMs = log.audioMs(audio.item_id);
    const truncate = { type: "conversation.item.truncate", item_id: audio.item_id, content_index: 0 };
    expect(await errorFor(client, send({ ...truncate, audio_end_ms: receivedMs + 1000 }))).toMatchObject({
      code: "invalid_value",
      param: "audio_end_ms",
    });
    expect(await errorFor(client, send({ ...truncate, content_index: 1, audio_end_ms: 0 }))).toMatchObject({
      code: "invalid_value",
      param: "content_index",
    });
    const voiceChange = {
      type: "session.update",
      session: { type: "realtime", audio: { output: { voice: "ash" } } },
    };
    expect(await errorFor(client, send(voiceChange))).toMatchObject({ code: "cannot_update_voice" });
    await client.closed();
  });
});

describe("the simulator's server events", () => {
  it("are each a RealtimeServerEvent of the openai SDK, checked by the TypeScript compiler", () => {
    expectSdkConformingEvents(sim.sessions.flatMap((s) => s.sent));
  });
});
