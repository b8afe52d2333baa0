import { hostname } from "node:os";
import { commonEnvShape, envPort, parseEnv } from "@koe/shared";
import { z } from "zod";

/** The bridge's environment, parsed once at start-up (docs/ARCHITECTURE.md lists the names). */
export const bridgeEnvShape = {
  ...commonEnvShape,
  BRIDGE_PORT: envPort(8081),
  /** Prometheus metrics are served here only (GET /metrics), never on BRIDGE_PORT; 0 picks a free port. */
  BRIDGE_METRICS_PORT: envPort(9464),
  /** The metrics port's address: loopback unless a scraper on another host needs it. */
  BRIDGE_METRICS_HOST: z.string().default("127.0.0.1"),
  /** A voice webhook not answered within this long (the database down) gets the operator path. */
  VOICE_WEBHOOK_DEADLINE_MS: z.coerce.number().int().min(50).default(5_000),
  /** GA Realtime WebSocket endpoint; the bridge appends `?model=`. */
  OPENAI_REALTIME_URL: z.url().default("wss://api.openai.com/v1/realtime"),
  /** This process's name in media-stream URLs, so a load balancer can route a stream back to it. */
  BRIDGE_INSTANCE: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default(`${hostname().replace(/[^a-zA-Z0-9_-]/g, "-")}-${process.pid}`),
  /** A call with no speech either way for this long is closed. */
  CALL_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(300_000),
  /** How often this process checks the rollout guardrail (error rate, P95 turn latency). */
  GUARDRAIL_CHECK_INTERVAL_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** How often this process renews its lease and ends the calls of processes whose lease expired. */
  BRIDGE_LEASE_HEARTBEAT_MS: z.coerce.number().int().min(10).default(10_000),
  /** How long a lease outlives its last renewal: a lost process's calls end within this plus a heartbeat. */
  BRIDGE_LEASE_TTL_MS: z.coerce.number().int().min(10).default(20_000),
  /** A media stream without a valid `start` for this long is closed. */
  MEDIA_STREAM_START_TIMEOUT_MS: z.coerce.number().int().min(10).default(10_000),
  /** Media streams still waiting for their `start` beyond this many are refused. */
  MEDIA_STREAM_MAX_PENDING: z.coerce.number().int().min(1).default(200),
  /** How long live calls may take to finish after SIGTERM before the process exits. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
};

export type BridgeEnv = ReturnType<typeof readBridgeEnv>;

export function readBridgeEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(bridgeEnvShape, {
    source,
    requiredInProduction: [
      "DATABASE_URL",
      "OPENAI_API_KEY",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
      "PUBLIC_BASE_URL",
    ],
  });
}
