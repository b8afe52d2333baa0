import { expect } from "vitest";
import type { ManualClock } from "../testing/manual-clock.ts";
import {
  CALLER_LINE,
  callerAudio,
  frames20ms,
  GREETING,
  INTERRUPTION,
  LAST_ANSWER,
  TOOL_CALL,
} from "./call-script.ts";
import { advanceUntil } from "./clock-pump.ts";
import type { connectOpenAIClient } from "./openai-client.ts";

type OpenAIClient = Awaited<ReturnType<typeof connectOpenAIClient>>;

/**
 * Plays the conformance call with the `openai` package's client, as a bridge would: the greeting,
 * the caller's turn, the tool call answered with `function_call_output`, a barge-in truncated to
 * half of what was received, and the answer to it; no error event, no error from the client.
 */
export async function playCallWithOpenAI(clock: ManualClock, client: OpenAIClient) {
  const { rt, log, failures } = client;
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
  // Transcription ends at its own moment, before, during or after the response.
  const transcribed = await advanceUntil(
    clock,
    log.next("conversation.item.input_audio_transcription.completed"),
  );
  expect(transcribed.transcript).toBe(CALLER_LINE.say);

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
  const interruption = await advanceUntil(
    clock,
    log.next("conversation.item.input_audio_transcription.completed"),
  );
  expect(interruption.transcript).toBe(INTERRUPTION.say);

  expect(log.errors()).toEqual([]);
  expect(failures).toEqual([]);
}

/**
 * Sends one bad frame and returns the error as the client reported it, after checking that its
 * `error` event and the server's error event agree and that the session still answers.
 */
export async function errorFor(client: OpenAIClient, frame: string) {
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
