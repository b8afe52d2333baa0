import { TwilioRealtimeTransportLayer } from "@openai/agents-extensions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { ManualClock } from "../testing/manual-clock.ts";
import { playCallWithAgents } from "./agents-call.ts";
import { connectAgentsSession } from "./agents-session.ts";
import { CONFORMANCE_SCENARIO } from "./call-script.ts";
import { expectSdkConformingEvents } from "./sdk-conformance.ts";
import { TwilioMediaStream } from "./twilio-media-stream.ts";

// The simulator's audio moves only when the test advances this clock: the interrupted answer is
// still streaming when the caller barges in, however loaded the machine is.
const clock = new ManualClock();
let sim: RealtimeSimulator;
beforeAll(async () => {
  sim = await RealtimeSimulator.start({ scenario: CONFORMANCE_SCENARIO, clock });
});
afterAll(() => sim.close());

describe("@openai/agents-extensions TwilioRealtimeTransportLayer against the simulator and a Twilio media stream", () => {
  it("plays a greeting, a caller turn, a tool call and a barge-in with truncate, with no error", async () => {
    const twilio = await TwilioMediaStream.open();
    const client = await connectAgentsSession(
      sim,
      new TwilioRealtimeTransportLayer({ twilioWebSocket: twilio.serverSide }),
    );
    twilio.start();
    await playCallWithAgents(clock, client, (mulaw) => twilio.say(mulaw));
    // Twilio was given the agent's audio up to the barge-in, then told to drop what it buffered.
    expect(twilio.playedBytes()).toBeGreaterThan(0);
    expect(twilio.clears()).toBe(1);
    client.session.close();
    await twilio.close();
  });

  it("sent only events of the openai SDK's RealtimeServerEvent type", () => {
    expectSdkConformingEvents(sim.sessions.flatMap((s) => s.sent));
  });
});
