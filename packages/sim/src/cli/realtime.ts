// `pnpm sim:realtime`: the OpenAI Realtime GA simulator as a standalone server.
//   --port 8090  --scenario booking  --latency 250 (the model's own latency before each response, ms)
//   --stamp (benchmark mode: stamped audio, counters at GET /stats)
//   --pace 4 --burst-ms 500 (response audio: this many times real time, in bursts; --pace 1 --burst-ms 0: real time)
//   --transcription-delay 0-1200 (ms after the commit, seeded-random)  --seed 1
// Faults (every session, seeded by --seed):
//   --refuse-session invalid_api_key|insufficient_quota|rate_limit_exceeded|server_error [--refuse-count 1]
//   --drop-after-deltas N (cut the socket mid-response)  --expire-after-s N (session_expired)
//   --jitter-ms N  --reorder P  --sparse P  --unknown-events P (P: probability 0–1)
import { parseArgs } from "node:util";
import { type Faults, SESSION_REFUSALS, type SessionRefusalCode } from "../realtime/faults.ts";
import { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { SCENARIOS, scenarioByName } from "../scenarios/fixtures.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIM_REALTIME_PORT ?? "8090" },
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
  },
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
  console.error(`sim:realtime: ${message}`);
  process.exit(2);
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

const sim = await RealtimeSimulator.start({
  port: num("port"),
  scenario: scenarioByName(values.scenario),
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
