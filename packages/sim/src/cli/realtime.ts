// `pnpm sim:realtime`: the OpenAI Realtime GA simulator as a standalone server. `--help` lists the options.
import { type Faults, SESSION_REFUSALS, type SessionRefusalCode } from "../realtime/faults.ts";
import { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { SCENARIOS, scenarioByName } from "../scenarios/fixtures.ts";
import { failCli, parseCliArgs } from "./cli-args.ts";

const portDefault = process.env.SIM_REALTIME_PORT ?? "8090";

const usage = () =>
  [
    "Usage: pnpm sim:realtime [options]",
    "",
    "The OpenAI Realtime GA simulator as a standalone server.",
    "",
    "Options:",
    `  --port <n>                   where to listen (default: ${portDefault})`,
    "  --scenario <name>            the call the model plays (default: booking)",
    "  --latency <ms>               the model's own latency before each response (default: 250)",
    "  --stamp                      benchmark mode: stamped audio, counters at GET /stats",
    "  --pace <x> --burst-ms <ms>   response audio this many times real time, in bursts",
    "                               (--pace 1 --burst-ms 0: real time)",
    "  --transcription-delay <ms>   MIN-MAX or one value, after the commit, seeded-random (default: 0-1200)",
    "  --seed <n>                   seeds everything random, faults included",
    "  -h, --help                   this text",
    "",
    "Faults (every session):",
    `  --refuse-session <code>      one of ${Object.keys(SESSION_REFUSALS).join(", ")}`,
    "  --refuse-count <n>           sessions refused before one is accepted (default: 1)",
    "  --drop-after-deltas <n>      cut the socket mid-response",
    "  --expire-after-s <s>         end the session with session_expired",
    "  --jitter-ms <ms>  --reorder <p>  --sparse <p>  --unknown-events <p>   (p: probability 0-1)",
    "",
    "Scenarios:",
    ...Object.values(SCENARIOS).map((s) => `  ${s.name.padEnd(18)}${s.description}`),
  ].join("\n");

const values = parseCliArgs("sim:realtime", usage, {
  port: { type: "string", default: portDefault },
  scenario: { type: "string", default: "booking" },
  latency: { type: "string", default: "250" },
  stamp: { type: "boolean", default: false },
  pace: { type: "string" },
  "burst-ms": { type: "string" },
  "transcription-delay": { type: "string" },
  seed: { type: "string" },
  "refuse-session": { type: "string" },
  "refuse-count": { type: "string", default: "1" },
  "drop-after-deltas": { type: "string" },
  "expire-after-s": { type: "string" },
  "jitter-ms": { type: "string" },
  reorder: { type: "string" },
  sparse: { type: "string" },
  "unknown-events": { type: "string" },
});

/** A number flag, or undefined when absent; anything else stops the CLI with one line. */
function num(name: keyof typeof values): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== "string" || !Number.isFinite(n))
    fail(`--${name} expects a number, got "${String(raw)}"`);
  return n;
}

function fail(message: string): never {
  return failCli("sim:realtime", message);
}

function transcriptionDelay(): { min: number; max: number } | undefined {
  const raw = values["transcription-delay"];
  if (raw === undefined) return undefined;
  const [min, max] = raw.includes("-") ? raw.split("-").map(Number) : [Number(raw), Number(raw)];
  if (min === undefined || max === undefined || !Number.isFinite(min) || !Number.isFinite(max) || max < min) {
    fail(`--transcription-delay expects MIN-MAX in ms, got "${raw}"`);
  }
  return { min, max };
}

function faults(): Faults {
  const refusal = values["refuse-session"];
  if (refusal !== undefined && !(refusal in SESSION_REFUSALS)) {
    fail(`--refuse-session expects one of ${Object.keys(SESSION_REFUSALS).join(", ")}, got "${refusal}"`);
  }
  const dropAfter = num("drop-after-deltas");
  const expireAfter = num("expire-after-s");
  return {
    refuseSession:
      refusal === undefined
        ? undefined
        : { code: refusal as SessionRefusalCode, remaining: num("refuse-count") ?? 1 },
    dropSocket: dropAfter === undefined ? undefined : { afterAudioDeltas: dropAfter },
    sessionExpiresAfterMs: expireAfter === undefined ? undefined : expireAfter * 1000,
    eventJitterMs: num("jitter-ms"),
    reorderProbability: num("reorder"),
    sparseFieldsProbability: num("sparse"),
    unknownEventProbability: num("unknown-events"),
  };
}

const scenario = (() => {
  try {
    return scenarioByName(values.scenario);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
const sim = await RealtimeSimulator.start({
  port: num("port"),
  scenario,
  responseLatencyMs: num("latency"),
  stampAudio: values.stamp,
  audioPace: num("pace"),
  audioBurstMs: num("burst-ms"),
  transcriptionDelayMs: transcriptionDelay(),
  seed: num("seed"),
});
sim.faults = faults();
console.log(`Realtime GA simulator listening at ${sim.url}`);
console.log(
  `  scenario "${sim.scenario.name}" (PUT /scenario {"name": …} to switch: ${Object.keys(SCENARIOS).join(", ")})`,
);
console.log(`  point the bridge at it: OPENAI_REALTIME_URL=${sim.url} OPENAI_API_KEY=sk-sim`);

const stop = () => void sim.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
