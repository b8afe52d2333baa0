import { commonEnvShape, envPort, parseEnv } from "@koe/shared";
import { z } from "zod";

const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** The api's environment, parsed once at start-up (docs/ARCHITECTURE.md and the README list the names). */
export const apiEnvShape = {
  ...commonEnvShape,
  API_PORT: envPort(8080),
  /**
   * The origin browsers open Koe at: the api itself in production (it serves the SPA), Vite's
   * dev server locally. Sessions cookies and the login's origin check are bound to it.
   */
  APP_ORIGIN: z.url().optional(),
  /** Signs session cookies; at least 32 characters. Local development uses a fixed one. */
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET needs at least 32 characters").optional(),
  /** Other origins allowed to call the api from a browser (CORS); none unless listed. */
  CORS_ORIGINS: commaList,
  /** Load balancers (IPs or CIDRs) whose X-Forwarded-For is believed, for the login rate limit. */
  TRUSTED_PROXIES: commaList,
  /**
   * Post-call analysis jobs this process runs at once (graphile-worker); 0 runs none here, for a
   * deployment that runs them in other api processes.
   */
  ANALYSIS_WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(50).default(2),
  /** Where this process reaches the bridge to play evaluation runs, when not at PUBLIC_BASE_URL. */
  EVAL_BRIDGE_URL: z.url().optional(),
  /** The local GA simulator (`./koe dev`): evaluation runs give each test call its scenario there. */
  EVAL_SIMULATOR_URL: z.url().optional(),
  /** The local fake Twilio REST API (`./koe dev`): its call updates (a handoff) reach test calls. */
  EVAL_FAKE_TWILIO_URL: z.url().optional(),
  /** The built SPA the api serves in production. */
  WEB_DIST_DIR: z.string().default(new URL("../../web/dist", import.meta.url).pathname),
};

/** Local development's stand-ins for the two settings production must give. */
const DEVELOPMENT_DEFAULTS = {
  APP_ORIGIN: "http://localhost:5173",
  BETTER_AUTH_SECRET: "koe-local-development-secret-not-for-production",
};

export type ApiEnv = ReturnType<typeof readApiEnv>;

export function readApiEnv(source: NodeJS.ProcessEnv = process.env) {
  const env = parseEnv(apiEnvShape, {
    source,
    requiredInProduction: [
      "DATABASE_URL",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
      "PUBLIC_BASE_URL",
      "APP_ORIGIN",
      "BETTER_AUTH_SECRET",
    ],
  });
  return {
    ...env,
    APP_ORIGIN: env.APP_ORIGIN ?? DEVELOPMENT_DEFAULTS.APP_ORIGIN,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_DEFAULTS.BETTER_AUTH_SECRET,
  };
}
