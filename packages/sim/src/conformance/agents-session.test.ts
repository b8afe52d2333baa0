import { OpenAIRealtimeWebSocket } from "@openai/agents/realtime";
import { afterAll, beforeAll, describe, it } from "vitest";
import { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { ManualClock } from "../testing/manual-clock.ts";
import { playCallWithAgents } from "./agents-call.ts";
import { connectAgentsSession } from "./agents-session.ts";
import { CONFORMANCE_SCENARIO, frames20ms } from "./call-script.ts";
import { expectSdkConformingEvents } from "./sdk-conformance.ts";

// The simulator's audio moves only when the test advances this clock: the interrupted answer is
// still streaming when the caller barges in, however loaded the machine is.
const clock = new ManualClock();
let sim: RealtimeSimulator;
beforeAll(async () => {
  sim = await RealtimeSimulator.start({ scenario: CONFORMANCE_SCENARIO, clock });
});
afterAll(() => sim.close());

describe("@openai/agents RealtimeSession over OpenAIRealtimeWebSocket against the simulator", () => {
  it("plays a greeting, a caller turn, a tool call and a barge-in with truncate, with no error", async () => {
    const client = await connectAgentsSession(sim, new OpenAIRealtimeWebSocket());
    await playCallWithAgents(clock, client, (mulaw) => {
      for (const frame of frames20ms(mulaw)) client.session.sendAudio(new Uint8Array(frame).buffer);
    });
    client.session.close();
  });

  it("sent only events of the openai SDK's RealtimeServerEvent type", () => {
    expectSdkConformingEvents(sim.sessions.flatMap((s) => s.sent));
  });
});
