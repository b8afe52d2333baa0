import { freePort } from "@koe/cluster";
import { seed } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import {
  API_PACING,
  FakeOpenAIRest,
  FakeTwilioRest,
  placeCall,
  RealtimeSimulator,
  type Scenario,
} from "@koe/sim";
import { type AppProcess, REPO_ROOT, startApp } from "./app-process.ts";

export const PASSWORD = "e2e-password-2026";
const TWILIO_AUTH_TOKEN = "e2e-twilio-auth-token";
const PUBLIC_BASE_URL = "https://voice.e2e.example.jp";
/** Calls run twice as fast as real time: still slow enough to watch them live on /monitor. */
const PACE = 2;

export type Stack = {
  /** The api's origin, which serves the built SPA as in production. */
  webUrl: string;
  db: TestDatabase;
  /** The Realtime GA simulator: the bridge's sessions and those of WebRTC test calls. */
  sim: RealtimeSimulator;
  /** The fake of OpenAI's REST API: client secrets and the WebRTC calls in progress. */
  openai: FakeOpenAIRest;
  /** The fake of Twilio's REST API: the updates of live calls it carried out (take-over, hang-up). */
  twilio: FakeTwilioRest;
  /** A second api on the same database without OPENAI_API_KEY, as a deployment without one; its origin. */
  startApiWithoutOpenAI(): Promise<string>;
  /** Stops the api and starts it again on the same port, as a deployment restarts it. */
  restartApi(): Promise<void>;
  /**
   * A simulated Twilio call into the bridge (caller simulator → bridge → GA simulator), both
   * simulators following `scenario`: the model's lines and tool calls come from the GA simulator.
   * A REST update of the call (a take-over) ends its stream as Twilio would.
   */
  call(scenario: Scenario): ReturnType<typeof placeCall>;
  close(): Promise<void>;
};

/**
 * Koe as deployed, on loopback: a fresh seeded database, the built api (serving the built SPA)
 * and bridge as child processes in production mode, the GA simulator in place of OpenAI's
 * Realtime API, and fakes of OpenAI's and Twilio's REST APIs (the OpenAI one answers the
 * browser's WebRTC test calls with the simulator's sessions).
 */
export async function startStack(): Promise<Stack> {
  const db = await createTestDatabase();
  await seed(db.prisma, { adminPassword: PASSWORD, operatorPassword: PASSWORD });
  // The model's audio runs ahead of the sped-up callers as the API's runs ahead of a real phone.
  const sim = await RealtimeSimulator.start({ responseLatencyMs: 120, audioPace: PACE * API_PACING.pace });
  const [openai, twilio] = await Promise.all([
    FakeOpenAIRest.start({ realtime: sim }),
    FakeTwilioRest.start(),
  ]);
  const [apiPort, bridgePort] = [await freePort(), await freePort()];
  const webUrl = `http://127.0.0.1:${apiPort}`;
  const bridgeUrl = `http://127.0.0.1:${bridgePort}`;
  const common: Record<string, string> = {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    DATABASE_URL: db.url,
    ENABLE_REALTIME_API: "true",
    OPENAI_API_KEY: "sk-e2e",
    TWILIO_ACCOUNT_SID: "ACe2e",
    TWILIO_AUTH_TOKEN,
    TWILIO_API_BASE_URL: twilio.url,
    PUBLIC_BASE_URL,
  };
  const apps: AppProcess[] = [];
  const close = async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all([sim.close(), openai.close(), twilio.close()]);
    await db.close();
  };
  const startApi = async (port: number, env: Record<string, string> = common): Promise<AppProcess> => {
    const origin = `http://127.0.0.1:${port}`;
    const api = await startApp(
      "api",
      {
        ...env,
        API_PORT: String(port),
        APP_ORIGIN: origin,
        BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
        OPENAI_BASE_URL: openai.url,
        WEB_DIST_DIR: `${REPO_ROOT}apps/web/dist`,
        // Evaluation runs reach the bridge on loopback (PUBLIC_BASE_URL is only signed for), give
        // each test call its scenario in the simulator and follow handoffs at the fake Twilio.
        EVAL_BRIDGE_URL: bridgeUrl,
        EVAL_SIMULATOR_URL: sim.url.replace(/^ws/, "http"),
        EVAL_FAKE_TWILIO_URL: twilio.url,
      },
      `${origin}/healthz`,
    );
    apps.push(api);
    return api;
  };
  let api: AppProcess;
  try {
    api = await startApi(apiPort);
    apps.push(
      await startApp(
        "bridge",
        {
          ...common,
          BRIDGE_PORT: String(bridgePort),
          OPENAI_REALTIME_URL: sim.url,
          BRIDGE_INSTANCE: "e2e-1",
        },
        `${bridgeUrl}/healthz`,
      ),
    );
  } catch (error) {
    await close();
    throw error;
  }
  return {
    webUrl,
    db,
    sim,
    openai,
    twilio,
    startApiWithoutOpenAI: async () => {
      const { OPENAI_API_KEY: _key, ...withoutKey } = common;
      const port = await freePort();
      await startApi(port, withoutKey);
      return `http://127.0.0.1:${port}`;
    },
    restartApi: async () => {
      await api.stop();
      apps.splice(apps.indexOf(api), 1);
      api = await startApi(apiPort);
    },
    call: (scenario) => {
      sim.scenario = scenario;
      return placeCall({
        bridgeUrl,
        publicBaseUrl: PUBLIC_BASE_URL,
        authToken: TWILIO_AUTH_TOKEN,
        scenario,
        pace: PACE,
        twilioRestUrl: twilio.url,
      });
    },
    close,
  };
}
