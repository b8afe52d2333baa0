// `pnpm sim:call --scenario booking`: places a simulated Twilio call into a running bridge and
// prints what was said and how fast the agent answered. `--help` lists the options and scenarios.
import { SCENARIOS, scenarioByName } from "../scenarios/fixtures.ts";
import { placeCall } from "../twilio/caller-simulator.ts";
import { failCli, parseCliArgs } from "./cli-args.ts";

const bridgeDefault = `http://127.0.0.1:${process.env.BRIDGE_PORT ?? "8081"}`;
const realtimeDefault = `http://127.0.0.1:${process.env.SIM_REALTIME_PORT ?? "8090"}`;
const twilioDefault = `http://127.0.0.1:${process.env.SIM_TWILIO_REST_PORT ?? "8092"}`;

const usage = () =>
  [
    "Usage: pnpm sim:call [options]",
    "",
    "Places a simulated Twilio call into a running bridge and prints what was said.",
    "",
    "Options:",
    "  --scenario <name>   the call to play (default: booking)",
    `  --bridge <url>      the bridge to call (default: ${bridgeDefault})`,
    `  --realtime <url>    the Realtime simulator to switch to the scenario (default: ${realtimeDefault})`,
    `  --twilio <url>      the fake Twilio REST API whose call updates (take-over, hang-up) reach this call (default: ${twilioDefault})`,
    "  --to <number>       the number called (default: +815012345678)",
    "  -h, --help          this text",
    "",
    "TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL must be as the bridge has them.",
    "",
    "Scenarios:",
    ...Object.values(SCENARIOS).map((s) => `  ${s.name.padEnd(18)}${s.description}`),
  ].join("\n");

const values = parseCliArgs("sim:call", usage, {
  scenario: { type: "string", default: "booking" },
  bridge: { type: "string", default: bridgeDefault },
  realtime: { type: "string", default: realtimeDefault },
  twilio: { type: "string", default: twilioDefault },
  to: { type: "string", default: "+815012345678" },
});

const scenario = (() => {
  try {
    return scenarioByName(values.scenario);
  } catch (error) {
    return failCli("sim:call", error instanceof Error ? error.message : String(error));
  }
})();
const authToken = process.env.TWILIO_AUTH_TOKEN ?? "koe-local-twilio-token";
const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? values.bridge;

// The local demo's simulator plays whichever scenario we ask for; a real OpenAI endpoint has no such switch.
await fetch(`${values.realtime}/scenario`, {
  method: "PUT",
  body: JSON.stringify({ name: scenario.name }),
}).catch(() => undefined);

console.log(
  `Calling ${values.to} through ${values.bridge} with the "${scenario.name}" scenario: ${scenario.description}`,
);
const result = await placeCall({
  bridgeUrl: values.bridge,
  publicBaseUrl,
  authToken,
  scenario,
  to: values.to,
  twilioRestUrl: values.twilio,
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
if (!result.twiml.stream) {
  // The legacy engine: one TwiML answer per <Gather> round trip, its lines as <Say>s.
  console.log(`  agent   「${result.twiml.says.join("」「")}」`);
  for (const [index, t] of result.turns.entries()) {
    const answer = result.twimls[index + 1];
    const ms = t.firstAgentAudioMs === null ? "no answer" : `${Math.round(t.firstAgentAudioMs - t.endMs)} ms`;
    console.log(`  caller  「${t.say}」  (TwiML answer in ${ms})`);
    if (answer) console.log(`  agent   「${answer.says.join("」「")}」`);
  }
  const last = result.twimls.at(-1);
  if (last?.dial) console.log(`  → operator ${last.dial}`);
  if (last?.hangup) console.log("  → the bridge hung up");
  if (result.error) {
    console.error(`The call did not go as scripted: ${result.error}`);
    process.exit(1);
  }
  process.exit(0);
}
let turn = 0;
for (const step of scenario.steps) {
  if (step.speaker === "caller") {
    const t = result.turns[turn++];
    if (!t) break;
    const answer =
      t.firstAgentAudioMs === null
        ? "no answer heard"
        : `agent audio ${Math.round(t.firstAgentAudioMs - t.endMs)} ms after the caller stopped`;
    console.log(`  ${seconds(t.startMs)}  caller  「${step.say}」  (${answer})`);
  } else if (step.speaker === "agent") {
    console.log(`           agent   「${step.say}」`);
  } else if (step.speaker === "tool") {
    console.log(`           tool    ${step.name}(${JSON.stringify(step.arguments)})`);
  }
}
const heardMs = result.heard.reduce((ms, h) => ms + h.endMs - h.startMs, 0);
console.log(
  `Heard ${seconds(heardMs)} of agent audio in ${result.heard.length} stretches; ${result.marksEchoed.length} marks echoed, ${result.clears} clears; stream closed with ${result.closeCode}.`,
);
console.log(
  "(Answer times include the VAD's silence window; the bridge records its own turn latency per turn.)",
);
// A bridge that hands the call to an operator ends the stream cleanly: Twilio carries on with the
// TwiML the bridge redirected the call to (in the local demo, the fake Twilio logs it as [twilio]).
if (result.update?.kind === "redirect") {
  console.log(
    `Twilio moved the call off the agent (a take-over or handoff): stream stopped, then ${result.update.twiml.dial ? `a dial to ${result.update.twiml.dial}` : "the new TwiML"}.`,
  );
} else if (result.update?.kind === "completed") {
  console.log("Twilio hung the call up (a REST update with Status=completed): stream stopped.");
} else if (result.error && result.closeCode === 1000 && result.error.includes("closed the stream")) {
  console.log(
    `The bridge ended the media stream (${result.error}): the call left the agent, e.g. to an operator.`,
  );
} else if (result.error) {
  console.error(`The call did not go as scripted: ${result.error}`);
  process.exit(1);
}
