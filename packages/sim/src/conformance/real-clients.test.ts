import { setTimeout as sleep } from "node:timers/promises";
import { OpenAIRealtimeWebSocket } from "@openai/agents/realtime";
import { TwilioRealtimeTransportLayer } from "@openai/agents-extensions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { ManualClock } from "../testing/manual-clock.ts";
import { playCallWithAgents } from "./agents-call.ts";
import { connectAgentsSession } from "./agents-session.ts";
import { BAD_INPUT } from "./bad-input.ts";
import { CONFORMANCE_SCENARIO, frames20ms, PHONE_SESSION } from "./call-script.ts";
import { advanceUntil } from "./clock-pump.ts";
import { errorFor, playCallWithOpenAI } from "./openai-call.ts";
import { connectOpenAIClient } from "./openai-client.ts";
import { expectSdkConformingEvents } from "./sdk-conformance.ts";
import { TwilioMediaStream } from "./twilio-media-stream.ts";

// OpenAI's own clients against the simulator, in one file so that the events of all of them are
// type-checked in one compiler run (one run costs seconds: the SDK's declarations are megabytes).
// The simulator's audio moves only when a test advances this clock: an interrupted answer is still
// streaming when the caller barges in, however loaded the machine is.
const clock = new ManualClock();
let sim: RealtimeSimulator;
beforeAll(async () => {
  sim = await RealtimeSimulator.start({ scenario: CONFORMANCE_SCENARIO, clock });
});
afterAll(() => sim.close());

async function configuredOpenAIClient() {
  const client = await connectOpenAIClient(sim);
  await client.log.next("session.created");
  client.rt.send({ type: "session.update", session: PHONE_SESSION });
  await client.log.next("session.updated");
  return client;
}

describe("the openai package's OpenAIRealtimeWS", () => {
  it("plays a greeting, a caller turn, a tool call and a barge-in with truncate, with no error", async () => {
    const client = await configuredOpenAIClient();
    await playCallWithOpenAI(clock, client);
    await client.closed();
  });

  it.each(BAD_INPUT)("sees the API's error for %s", async (_what, input, expected) => {
    const client = await configuredOpenAIClient();
    const frame =
      typeof input === "string" ? input : JSON.stringify({ event_id: "evt_bad", ...(input as object) });
    expect(await errorFor(client, frame)).toMatchObject({
      type: "invalid_request_error",
      ...expected,
      // The API names the client event it refuses, when it could read the event's id.
      event_id: typeof input === "string" ? null : "evt_bad",
    });
    await client.closed();
  });

  it("refuses misuse that depends on the conversation: a second response, bad truncates, a late voice change", async () => {
    const client = await configuredOpenAIClient();
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

describe("@openai/agents RealtimeSession over OpenAIRealtimeWebSocket", () => {
  it("plays a greeting, a caller turn, a tool call and a barge-in with truncate, with no error", async () => {
    const client = await connectAgentsSession(sim, new OpenAIRealtimeWebSocket());
    await playCallWithAgents(clock, client, {
      say: (mulaw) => {
        for (const frame of frames20ms(mulaw)) client.session.sendAudio(new Uint8Array(frame).buffer);
      },
      // This transport takes audio as played once as much wall-clock time has passed since it
      // arrived; speech before then is a barge-in on the greeting.
      listen: (audioMs) => sleep(audioMs),
    });
    client.session.close();
  });
});

describe("@openai/agents-extensions TwilioRealtimeTransportLayer with a Twilio media stream", () => {
  it("plays a greeting, a caller turn, a tool call and a barge-in with truncate, with no error", async () => {
    const twilio = await TwilioMediaStream.open();
    const client = await connectAgentsSession(
      sim,
      new TwilioRealtimeTransportLayer({ twilioWebSocket: twilio.serverSide }),
    );
    twilio.start();
    await playCallWithAgents(clock, client, {
      say: (mulaw) => twilio.say(mulaw),
      // The stand-in Twilio echoes each mark at once: the greeting counts as played when it arrives.
      listen: async () => {},
    });
    // Twilio was given the agent's audio up to the barge-in, then told to drop what it buffered.
    expect(twilio.playedBytes()).toBeGreaterThan(0);
    expect(twilio.clears()).toBe(1);
    client.session.close();
    await twilio.close();
  });
});

describe("the simulator's server events in all the calls above", () => {
  it("are each a RealtimeServerEvent of the openai SDK, checked by the TypeScript compiler", () => {
    expect(sim.sessions.length).toBeGreaterThan(BAD_INPUT.length);
    expectSdkConformingEvents(sim.sessions.flatMap((s) => s.sent));
  });
});
