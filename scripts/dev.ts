// `pnpm dev` (through `./koe dev`): Koe on this machine with no external services. Serves the
// embedded database from this process (unless DATABASE_URL names a server), migrates and seeds
// it, runs the Realtime GA simulator and a fake of OpenAI's REST API (client secrets, the
// browser's WebRTC test calls and the post-call analyses the api's worker asks for) in place of OpenAI (unless OPENAI_API_KEY is set) and a fake of
// Twilio's REST API (unless real Twilio credentials are set), then runs the api, the bridge and
// the web app and says where to go.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { createPrismaClient, DEMO, migrate, openLocalDatabase, readDbEnv, seed } from "@koe/db";
import { FakeOpenAIRest, FakeTwilioRest, RealtimeSimulator, summarizeTwilioRequest } from "@koe/sim";

const DEMO_PASSWORD = "koe-demo-2026";
const LOCAL_TWILIO_TOKEN = "koe-local-twilio-token";
const APPS = ["api", "bridge", "web"] as const;
const ports = {
  api: process.env.API_PORT ?? "8080",
  bridge: process.env.BRIDGE_PORT ?? "8081",
  web: process.env.WEB_PORT ?? "5173",
  simulator: process.env.SIM_REALTIME_PORT ?? "8090",
  openaiRest: process.env.SIM_OPENAI_REST_PORT ?? "8091",
  twilioRest: process.env.SIM_TWILIO_REST_PORT ?? "8092",
};
const dbEnv = readDbEnv();
const children: ChildProcess[] = [];
// Without real Twilio credentials a local fake of Twilio's REST API stands in (below).
const realTwilio = Boolean(
  process.env.TWILIO_ACCOUNT_SID &&
    process.env.TWILIO_AUTH_TOKEN &&
    process.env.TWILIO_AUTH_TOKEN !== LOCAL_TWILIO_TOKEN,
);

const database = await openDevDatabase();
// Seeding with explicit passwords makes the stored ones match, so the banner below is true.
const passwords = {
  admin: dbEnv.KOE_ADMIN_PASSWORD ?? DEMO_PASSWORD,
  operator: dbEnv.KOE_OPERATOR_PASSWORD ?? DEMO_PASSWORD,
};
const prisma = createPrismaClient(database.url, { maxConnections: 1 });
await seed(prisma, { adminPassword: passwords.admin, operatorPassword: passwords.operator });
// Booking confirmations by SMS are off in the seed; the fake Twilio lets the demo show them.
if (!realTwilio)
  await prisma.company.update({ where: { id: DEMO.companyId }, data: { smsConfirmationEnabled: true } });
await prisma.$disconnect();

// No OpenAI key: the simulator answers as the Realtime API would, with a model-like latency.
const simulator = process.env.OPENAI_API_KEY
  ? null
  : await RealtimeSimulator.start({ port: Number(ports.simulator), responseLatencyMs: 250 });
// The fake REST API issues the test call's client secrets and answers its WebRTC offer with a
// simulated session, and answers the api's post-call analyses (the Responses API) from the
// transcript. The desktop browser reaches it on this machine's own addresses, not loopback.
// It synthesizes no speech: voice previews say they are unavailable rather than cache fake audio.
const openaiRest = simulator
  ? await FakeOpenAIRest.start({
      realtime: simulator,
      port: Number(ports.openaiRest),
      iceHost: null,
      speech: false,
    })
  : null;
const openai =
  simulator && openaiRest
    ? { OPENAI_API_KEY: "sk-sim-local", OPENAI_REALTIME_URL: simulator.url, OPENAI_BASE_URL: openaiRest.url }
    : { OPENAI_API_KEY: process.env.OPENAI_API_KEY };
// No real Twilio account: handoffs, outbound calls and SMS confirmations go to a local fake of
// Twilio's REST API, which accepts them and logs what Twilio would have done. `pnpm sim:call` calls
// follow their updates there, so a take-over ends the AI's stream and dials the operator as on Twilio.
const fakeTwilio = realTwilio
  ? null
  : await FakeTwilioRest.start({
      port: Number(ports.twilioRest),
      onRequest: (request) => {
        const { msg, fields } = summarizeTwilioRequest(request);
        console.log(
          `[twilio] ${JSON.stringify({ level: 30, time: Date.now(), name: "koe-fake-twilio", ...fields, msg })}`,
        );
      },
    });
// Local Twilio settings, so that `pnpm sim:call` can sign its requests as Twilio would, and the
// Realtime engine on (the kill switch is off by default everywhere else).
const localCalls = {
  ENABLE_REALTIME_API: process.env.ENABLE_REALTIME_API ?? "true",
  TWILIO_AUTH_TOKEN: process.env.TWILIO_AUTH_TOKEN ?? LOCAL_TWILIO_TOKEN,
  ...(fakeTwilio && {
    TWILIO_ACCOUNT_SID: process.env.TWILIO_ACCOUNT_SID ?? "AC00000000000000000000000000000000",
    TWILIO_API_BASE_URL: fakeTwilio.url,
  }),
  PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${ports.bridge}`,
  // The api's session cookies and login origin check follow the web app's address.
  APP_ORIGIN: process.env.APP_ORIGIN ?? `http://localhost:${ports.web}`,
  // Evaluation runs started on /evals give each test call its scenario in the simulator and follow
  // its handoff at the fake Twilio.
  ...(simulator && { EVAL_SIMULATOR_URL: simulator.url.replace(/^ws/, "http") }),
  ...(fakeTwilio && { EVAL_FAKE_TWILIO_URL: fakeTwilio.url }),
};

for (const app of APPS) children.push(startApp(app));
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

const healthChecks = [
  `http://127.0.0.1:${ports.api}/healthz`,
  `http://127.0.0.1:${ports.bridge}/healthz`,
  `http://127.0.0.1:${ports.web}/`,
];
if (!(await allHealthy(healthChecks, 120_000))) {
  console.error("Koe did not become healthy within 2 minutes; see the output above.");
  await stop(1);
}
console.log(
  [
    "",
    "  Koe is running.",
    `    web      http://localhost:${ports.web}`,
    `    api      http://localhost:${ports.api}  (tRPC at /trpc)`,
    `    bridge   http://localhost:${ports.bridge}  (Twilio webhooks and media stream)`,
    `    database ${database.description}`,
    `    openai   ${simulator ? `Realtime GA simulator at ${simulator.url} (try: pnpm sim:call --scenario booking)` : "OpenAI (OPENAI_API_KEY)"}`,
    ...(openaiRest ? [`             REST, WebRTC test calls and call analyses at ${openaiRest.url}`] : []),
    `    twilio   ${fakeTwilio ? `fake REST API at ${fakeTwilio.url} (logs what Twilio would do, as [twilio])` : "Twilio (TWILIO_ACCOUNT_SID)"}`,
    "  Demo logins:",
    `    admin    ${DEMO.adminEmail}  /  ${passwords.admin}`,
    `    operator ${DEMO.operatorEmail}  /  ${passwords.operator}`,
    "  Ctrl-C stops everything.",
    "",
  ].join("\n"),
);

async function openDevDatabase() {
  if (dbEnv.DATABASE_URL) {
    await migrate(dbEnv.DATABASE_URL);
    return { url: dbEnv.DATABASE_URL, description: "PostgreSQL (DATABASE_URL)", close: async () => {} };
  }
  const local = await openLocalDatabase(dbEnv.KOE_DATA_DIR);
  return {
    url: local.url,
    description: `embedded PGlite in ${dbEnv.KOE_DATA_DIR}`,
    close: async () => local.server?.close(),
  };
}

function startApp(app: (typeof APPS)[number]): ChildProcess {
  const child = spawn("pnpm", ["--filter", `@koe/${app}`, "run", "dev"], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      API_PORT: ports.api,
      BRIDGE_PORT: ports.bridge,
      WEB_PORT: ports.web,
      ...openai,
      ...localCalls,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stopping Koe stops what pnpm started too.
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => console.log(`[${app}] ${line}`));
  }
  child.once("exit", (code) => {
    console.error(`[${app}] exited with code ${code}; stopping Koe`);
    void stop(1);
  });
  return child;
}

async function allHealthy(urls: string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answers = await Promise.all(
      urls.map((url) =>
        fetch(url).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    );
    if (answers.every(Boolean)) return true;
    await sleep(500);
  }
  return false;
}

async function stop(code: number): Promise<never> {
  for (const child of children) {
    child.removeAllListeners("exit");
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  }
  await openaiRest?.close();
  await simulator?.close();
  await fakeTwilio?.close();
  await database.close();
  process.exit(code);
}
