import { expect } from "vitest";
import type { ManualClock } from "../testing/manual-clock.ts";
import type { connectAgentsSession } from "./agents-session.ts";
import { CALLER_LINE, callerAudio, GREETING, INTERRUPTION, LAST_ANSWER, TOOL_CALL } from "./call-script.ts";
import { advanceUntil } from "./clock-pump.ts";

type AgentsClient = Awaited<ReturnType<typeof connectAgentsSession>>;

/**
 * Plays the conformance call through an `@openai/agents` session and checks what the SDK made of
 * it: the greeting, the caller's turn, the tool it ran and answered with `function_call_output`,
 * the barge-in it truncated, the history it kept, and no error and no event its schemas refused.
 * `say` delivers the caller's μ-law audio the way this transport receives it; `listen` lets the
 * greeting play out, as far as this transport can tell, before the caller answers it.
 */
export async function playCallWithAgents(
  clock: ManualClock,
  client: AgentsClient,
  caller: { say: (mulaw: Buffer) => void; listen: (audioMs: number) => Promise<void> },
) {
  const { session, log, toolCalls } = client;
  const say = (line: string) => caller.say(callerAudio(line));
  log.mark();
  session.transport.sendEvent({ type: "response.create" });
  expect((await advanceUntil(clock, log.next("response.done"))).response.status).toBe("completed");
  const greeting = await log.next("response.output_audio_transcript.done");
  expect(greeting.transcript).toBe(GREETING.say);
  await caller.listen(log.audioMs(greeting.item_id));

  // The SDK runs the tool itself and answers with function_call_output and a new response.
  log.mark();
  say(CALLER_LINE.say);
  await advanceUntil(clock, log.next("response.done"));
  const answer = await log.next("response.output_audio.delta");
  expect(toolCalls).toEqual([TOOL_CALL.arguments]);

  clock.advance(INTERRUPTION.interruptAfterMs ?? 0);
  say(INTERRUPTION.say);
  const interrupted = await log.next("response.done", (e) => e.response.id === answer.response_id);
  expect(interrupted.response.status).toBe("cancelled");
  // The SDK truncates to what it takes as played, within what it received.
  const truncated = await log.next("conversation.item.truncated");
  expect(truncated.item_id).toBe(answer.item_id);
  expect(truncated.audio_end_ms).toBeLessThanOrEqual(log.audioMs(answer.item_id));

  const last = await advanceUntil(
    clock,
    log.next("response.done", (e) => e.response.id !== answer.response_id),
  );
  expect(last.response.status).toBe("completed");
  // Transcription ends at its own moment, possibly after the responses; the SDK then retrieves
  // each caller item (and the truncated one) to update its history.
  const transcribed = await advanceUntil(
    clock,
    Promise.all([
      log.next("conversation.item.input_audio_transcription.completed"),
      log.next("conversation.item.input_audio_transcription.completed"),
    ]),
  );
  for (const itemId of [truncated.item_id, ...transcribed.map((t) => t.item_id)]) {
    await log.next("conversation.item.retrieved", (e) => e.item.id === itemId);
  }

  // The SDK's history holds both caller lines with their transcripts and the agent's lines.
  const history = session.history.flatMap((item) =>
    item.type === "message"
      ? item.content.map(
          (c) => `${item.role}:${"transcript" in c ? c.transcript : "text" in c ? c.text : ""}`,
        )
      : [item.type],
  );
  expect(history).toEqual(
    expect.arrayContaining([
      `assistant:${GREETING.say}`,
      `user:${CALLER_LINE.say}`,
      `user:${INTERRUPTION.say}`,
      `assistant:${LAST_ANSWER.say}`,
    ]),
  );
  expect(client.refused()).toEqual([]);
  expect(log.errors()).toEqual([]);
  expect(client.errors).toEqual([]);
}
