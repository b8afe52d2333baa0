import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { speakingDurationMs, synthesizeSilence, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { SCENARIOS } from "../scenarios/fixtures.ts";
import type { Scenario } from "../scenarios/scenario.ts";
import { ManualClock } from "../testing/manual-clock.ts";
import { ReferenceClient } from "../testing/reference-client.ts";
import { RealtimeSimulator } from "./realtime-simulator.ts";

const PHONE_SESSION: RealtimeSessionCreateRequest = {
  type: "realtime",
  instructions: "あなたはデモ株式会社の電話受付です。",
  audio: {
    input: {
      format: { type: "audio/pcmu" },
      transcription: { model: "gpt-transcribe", language: "ja" },
      turn_detection: {
        type: "server_vad",
        threshold: 0.5,
        prefix_padding_ms: 300,
        silence_duration_ms: 500,
      },
    },
    output: { format: { type: "audio/pcmu" }, voice: "marin", speed: 1 },
  },
  tools: [
    {
      type: "function",
      name: "schedule_appointment",
      description: "予約",
      parameters: { type: "object", properties: {} },
    },
    {
      type: "function",
      name: "request_operator_handoff",
      description: "転送",
      parameters: { type: "object", properties: {} },
    },
    {
      type: "function",
      name: "get_customer_info",
      description: "顧客",
      parameters: { type: "object", properties: {} },
    },
  ],
};

const AUDIO_RESPONSE = [
  "response.created",
  "rate_limits.updated",
  "response.output_item.added",
  "conversation.item.added",
  "response.content_part.added",
  "response.output_audio.delta",
  "response.output_audio_transcript.delta",
  "response.output_audio.done",
  "response.output_audio_transcript.done",
  "response.content_part.done",
  "response.output_item.done",
  "conversation.item.done",
  "response.done",
];
const TOOL_RESPONSE = [
  "response.created",
  "rate_limits.updated",
  "response.output_item.added",
  "conversation.item.added",
  "response.function_call_arguments.delta",
  "response.function_call_arguments.done",
  "response.output_item.done",
  "conversation.item.done",
  "response.done",
];
const USER_TURN = [
  "input_audio_buffer.speech_started",
  "input_audio_buffer.speech_stopped",
  "input_audio_buffer.committed",
  "conversation.item.added",
  "conversation.item.done",
  "conversation.item.input_audio_transcription.delta",
  "conversation.item.input_audio_transcription.completed",
];
const TOOL_OUTPUT = ["conversation.item.added", "conversation.item.done"];

/**
 * Plays a scenario as a minimal GA client would, without barge-in, and returns the event order
 * the simulator produced together with the order the GA documentation describes.
 */
async function playScenario(sim: RealtimeSimulator, scenario: Scenario) {
  sim.scenario = scenario;
  const client = await ReferenceClient.connect(sim.url);
  await client.next("session.created");
  client.send({ type: "session.update", session: PHONE_SESSION });
  await client.next("session.updated");
  const start = client.events.length;
  const expected: string[] = [];
  client.send({ type: "response.create" });
  for (const step of scenario.steps) {
    if (step.speaker === "agent") {
      expected.push(...AUDIO_RESPONSE);
      await client.next("response.done");
    } else if (step.speaker === "tool") {
      expected.push(...TOOL_RESPONSE, ...TOOL_OUTPUT);
      const call = await client.next("response.function_call_arguments.done");
      expect(call.name).toBe(step.name);
      expect(JSON.parse(call.arguments)).toEqual(step.arguments);
      await client.next("response.done");
      client.send({
        type: "conversation.item.create",
        item: { type: "function_call_output", call_id: call.call_id, output: '{"ok":true}' },
      });
      await client.next("conversation.item.done");
      client.send({ type: "response.create" });
    } else if (step.speaker === "caller") {
      expected.push(...USER_TURN);
      client.appendAudio(
        Buffer.concat([synthesizeSpeech(speakingDurationMs(step.say)), synthesizeSilence(700)]),
      );
      const transcript = await client.next("conversation.item.input_audio_transcription.completed");
      expect(transcript.transcript).toBe(step.say);
    }
  }
  await client.close();
  return { actual: client.eventOrder(start), expected };
}

describe("Realtime GA simulator", () => {
  let sim: RealtimeSimulator;
  beforeAll(async () => {
    // Transcription at once: the order compared is the one where it comes before the response.
    sim = await RealtimeSimulator.start({ audioPace: 20, transcriptionDelayMs: { min: 0, max: 0 } });
  });
  afterAll(() => sim.close());

  for (const name of ["booking", "handoff", "customer-lookup"] as const) {
    it(`plays the ${name} scenario in the order the GA docs describe`, async () => {
      const { actual, expected } = await playScenario(sim, SCENARIOS[name]);
      expect(actual).toEqual(expected);
    });
  }
});

describe("Realtime GA simulator, barge-in", () => {
  // The simulator's own clock: audio leaves only when the test advances it, so how much the caller
  // heard before interrupting, and that the answer is still streaming while the interrupted item is
  // truncated, do not depend on how fast the machine is.
  const clock = new ManualClock();
  const greeting = SCENARIOS["barge-in"].steps[0];
  const interruption = SCENARIOS["barge-in"].steps[1];
  let sim: RealtimeSimulator;
  beforeAll(async () => {
    // Real-time pacing: what the caller heard by the interruption is what had arrived by then.
    sim = await RealtimeSimulator.start({
      scenario: SCENARIOS["barge-in"],
      clock,
      audioPace: 1,
      audioBurstMs: 0,
    });
  });
  afterAll(() => sim.close());

  it("speech during a response cancels it (turn_detected) and truncation keeps what was heard", async () => {
    if (greeting?.speaker !== "agent" || interruption?.speaker !== "caller") throw new Error("bad fixture");
    const client = await ReferenceClient.connect(sim.url);
    client.send({ type: "session.update", session: PHONE_SESSION });
    await client.next("session.updated");
    client.send({ type: "response.create" });
    const firstAudio = await client.next("response.output_audio.delta");
    clock.advance(interruption.interruptAfterMs ?? 0);
    const interrupted = client.events.length;
    client.appendAudio(Buffer.concat([synthesizeSpeech(1200), synthesizeSilence(700)]));
    const cancelled = await client.next("response.done");
    expect(cancelled.response.status).toBe("cancelled");
    expect(cancelled.response.status_details?.reason).toBe("turn_detected");
    // After speech_started the interrupted response sends no more audio, and ends.
    const after = client.events.slice(interrupted);
    const started = after.findIndex((e) => e.type === "input_audio_buffer.speech_started");
    const ofCancelled = after
      .slice(started)
      .filter((e) => "response_id" in e && e.response_id === cancelled.response.id)
      .map((e) => e.type);
    expect(started).toBeGreaterThanOrEqual(0);
    expect(ofCancelled).not.toContain("response.output_audio.delta");
    expect(ofCancelled.slice(0, 2)).toEqual([
      "response.output_audio.done",
      "response.output_audio_transcript.done",
    ]);

    // The caller heard the greeting up to the interruption, not to its end.
    const receivedMs = client.events
      .filter((e) => e.type === "response.output_audio.delta" && e.item_id === firstAudio.item_id)
      .reduce(
        (ms, e) =>
          ms + (e.type === "response.output_audio.delta" ? Buffer.from(e.delta, "base64").length / 8 : 0),
        0,
      );
    expect(receivedMs).toBeGreaterThanOrEqual(interruption.interruptAfterMs ?? 0);
    expect(receivedMs).toBeLessThan(speakingDurationMs(greeting.say));

    // The caller's turn completes and the agent starts answering; its audio waits for the clock.
    const answerAudio = await client.next("response.output_audio.delta");
    expect(answerAudio.response_id).not.toBe(cancelled.response.id);

    // A bridge truncates to what the caller heard, never beyond what it received.
    client.send({
      type: "conversation.item.truncate",
      item_id: firstAudio.item_id,
      content_index: 0,
      audio_end_ms: receivedMs + 1000,
    });
    const refused = await client.next("error");
    expect(refused.error).toMatchObject({ code: "invalid_value", param: "audio_end_ms" });
    const heardMs = Math.floor(receivedMs / 2);
    client.send({
      type: "conversation.item.truncate",
      item_id: firstAudio.item_id,
      content_index: 0,
      audio_end_ms: heardMs,
    });
    const truncated = await client.next("conversation.item.truncated");
    expect(truncated.audio_end_ms).toBe(heardMs);
    // As the API does, the truncated item keeps no transcript: what part of it was heard is unknown.
    client.send({ type: "conversation.item.retrieve", item_id: firstAudio.item_id });
    const { item } = await client.next("conversation.item.retrieved");
    expect(item).toMatchObject({ content: [{ type: "output_audio", transcript: "" }] });

    // The answer plays out to the end.
    clock.advance(60_000);
    const answer = await client.next("response.done");
    expect(answer.response.id).toBe(answerAudio.response_id);
    expect(answer.response.status).toBe("completed");
    await client.close();
  });
});
