import { freePort, haproxyConfig, type RunningHaproxy, startHaproxy } from "@koe/cluster";
import { seed } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import {
  API_PACING,
  type CallResult,
  FakeTwilioRest,
  type ParsedTwiml,
  type PlaceCallOptions,
  parseTwiml,
  placeCall,
  RealtimeSimulator,
  type Scenario,
} from "@koe/sim";
import twilio from "twilio";
import { type AppProcess, REPO_ROOT, startApp } from "./app-process.ts";

export const PASSWORD = "cluster-password-2026";
const TWILIO_AUTH_TOKEN = "cluster-twilio-auth-token";
const PUBLIC_BASE_URL = "https://voice.cluster.example.jp";
/** Calls run twice as fast as real time. */
const PACE = 2;
/** Short leases, so the test sees a killed process's calls reaped in seconds (the default is 20 s). */
export const LEASE = { heartbeatMs: 1_000, ttlMs: 12_000 };

export type Cluster = {
  /** HAProxy's origin: Twilio's webhooks and streams, and the browsers' api, behind one address. */
  url: string;
  db: TestDatabase;
  sim: RealtimeSimulator;
  twilio: FakeTwilioRest;
  bridges: AppProcess[];
  apis: AppProcess[];
  haproxy: RunningHaproxy;
  /** A simulated Twilio call through HAProxy (caller simulator → HAProxy → a bridge → GA simulator). */
  call(scenario: Scenario, options?: Partial<PlaceCallOptions>): Promise<CallResult>;
  /** Only the signed voice webhook of a new call, through HAProxy: its TwiML answer. */
  answer(callSid: string): Promise<ParsedTwiml>;
  /** Twilio's final status callback for a call, through HAProxy. */
  hangUp(callSid: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * Koe as several processes on one host: a fresh seeded database on the PostgreSQL server
 * `DATABASE_URL` names, `bridges` built bridge processes and `apis` built api processes (production
 * mode, each its own instance), HAProxy in front with the generated configuration, the GA simulator
 * in place of OpenAI and the fake Twilio REST API in place of Twilio.
 */
export async function startCluster(counts: { bridges: number; apis: number }): Promise<Cluster> {
  const db = await createTestDatabase();
  await seed(db.prisma, { adminPassword: PASSWORD, operatorPassword: PASSWORD });
  const sim = await RealtimeSimulator.start({ responseLatencyMs: 120, audioPace: PACE * API_PACING.pace });
  const twilioRest = await FakeTwilioRest.start();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const common: Record<string, string> = {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    DATABASE_URL: db.url,
    ENABLE_REALTIME_API: "true",
    OPENAI_API_KEY: "sk-cluster",
    TWILIO_ACCOUNT_SID: "ACcluster",
    TWILIO_AUTH_TOKEN,
    TWILIO_API_BASE_URL: twilioRest.url,
    PUBLIC_BASE_URL,
  };
  const bridges: AppProcess[] = [];
  const apis: AppProcess[] = [];
  let haproxy: RunningHaproxy | null = null;
  const close = async () => {
    await Promise.all([...bridges, ...apis].map((app) => app.stop()));
    await haproxy?.stop();
    await Promise.all([sim.close(), twilioRest.close()]);
    await db.close();
  };
  try {
    const bridgePorts = await Promise.all(Array.from({ length: counts.bridges }, () => freePort()));
    const apiPorts = await Promise.all(Array.from({ length: counts.apis }, () => freePort()));
    // One at a time: on two shared cores, five processes starting at once time out their health checks.
    for (const [index, bridgePort] of bridgePorts.entries()) {
      const name = `bridge-p${index + 1}`;
      bridges.push(
        await startApp("bridge", name, `http://127.0.0.1:${bridgePort}`, {
          ...common,
          BRIDGE_PORT: String(bridgePort),
          BRIDGE_INSTANCE: name,
          BRIDGE_METRICS_PORT: "0",
          OPENAI_REALTIME_URL: sim.url,
          // Twenty webhooks at once on a loaded machine: none may fall back to the operator path for being slow.
          VOICE_WEBHOOK_DEADLINE_MS: String(60_000),
          // Likewise a stream whose start (its claim, or adopting the call with a new session) is slow.
          MEDIA_STREAM_START_TIMEOUT_MS: String(60_000),
          BRIDGE_LEASE_HEARTBEAT_MS: String(LEASE.heartbeatMs),
          BRIDGE_LEASE_TTL_MS: String(LEASE.ttlMs),
          // The guardrail judges the rollout, not this test: a killed process must not roll it back mid-test.
          GUARDRAIL_CHECK_INTERVAL_MS: String(3_600_000),
        }),
      );
    }
    for (const [index, apiPort] of apiPorts.entries()) {
      apis.push(
        await startApp("api", `api-p${index + 1}`, `http://127.0.0.1:${apiPort}`, {
          ...common,
          API_PORT: String(apiPort),
          APP_ORIGIN: url,
          BETTER_AUTH_SECRET: "cluster-secret-cluster-secret-cluster",
          TRUSTED_PROXIES: "127.0.0.1",
          WEB_DIST_DIR: `${REPO_ROOT}apps/web/dist`,
        }),
      );
    }
    const upstream = (app: AppProcess) => ({
      name: app.name,
      host: "127.0.0.1",
      port: Number(new URL(app.url).port),
    });
    haproxy = await startHaproxy(
      haproxyConfig({
        bind: `127.0.0.1:${port}`,
        bridges: bridges.map(upstream),
        apis: apis.map(upstream),
        checkIntervalMs: 500,
      }),
      { host: "127.0.0.1", port },
    );
  } catch (error) {
    await close();
    throw error;
  }
  const signed = async (path: string, params: Record<string, string>) => {
    const signature = twilio.getExpectedTwilioSignature(
      TWILIO_AUTH_TOKEN,
      `${PUBLIC_BASE_URL}${path}`,
      params,
    );
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(params),
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return res.text();
  };
  const callParams = (callSid: string) => ({
    AccountSid: "ACcluster",
    ApiVersion: "2010-04-01",
    CallSid: callSid,
    Called: "+815012345678",
    Caller: "+819011112222",
    Direction: "inbound",
    From: "+819011112222",
    To: "+815012345678",
  });
  return {
    url,
    db,
    sim,
    twilio: twilioRest,
    bridges,
    apis,
    haproxy: haproxy,
    call: (scenario, options = {}) => {
      sim.scenario = scenario;
      return placeCall({
        bridgeUrl: url,
        publicBaseUrl: PUBLIC_BASE_URL,
        authToken: TWILIO_AUTH_TOKEN,
        scenario,
        pace: PACE,
        twilioRestUrl: twilioRest.url,
        // Twenty calls on two shared cores: an agent's turn may come late, and that is not what is tested.
        turnTimeoutMs: 120_000,
        ...options,
      });
    },
    answer: async (callSid) =>
      parseTwiml(await signed("/api/twilio/voice", { ...callParams(callSid), CallStatus: "ringing" })),
    hangUp: async (callSid) => {
      await signed("/api/twilio/status", {
        ...callParams(callSid),
        CallStatus: "completed",
        CallDuration: "1",
      });
    },
    close,
  };
}

/** The bridge instance a TwiML answer's media stream is addressed to. */
export function streamInstance(twiml: ParsedTwiml): string | null {
  return twiml.stream ? (new URL(twiml.stream.url).pathname.split("/").at(-1) ?? null) : null;
}
