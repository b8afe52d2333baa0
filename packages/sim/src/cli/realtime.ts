// `pnpm sim:realtime`: the OpenAI Realtime GA simulator as a standalone server.
//   --port 8090  --scenario booking  --latency 250 (the model's own latency before each response, ms)
//   --stamp (benchmark mode: stamped audio, counters at GET /stats)
import { parseArgs } from "node:util";
import { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { SCENARIOS, scenarioByName } from "../scenarios/fixtures.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIM_REALTIME_PORT ?? "8090" },
    scenario: { type: "string", default: "booking" },
    latency: { type: "string", default: "250" },
    stamp: { type: "boolean", default: false },
  },
});

const sim = await RealtimeSimulator.start({
  port: Number(values.port),
  scenario: scenarioByName(values.scenario),
  responseLatencyMs: Number(values.latency),
  stampAudio: values.stamp,
});
console.log(`Realtime GA simulator listening at ${sim.url}`);
console.log(
  `  scenario "${sim.scenario.name}" (PUT /scenario {"name": …} to switch: ${Object.keys(SCENARIOS).join(", ")})`,
);
console.log(`  point the bridge at it: OPENAI_REALTIME_URL=${sim.url} OPENAI_API_KEY=sk-sim`);

const stop = () => void sim.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
