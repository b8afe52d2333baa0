import type { Database } from "@koe/db";
import { createTwilioRest } from "@koe/twilio";
import OpenAI from "openai";
import { createAuth } from "./auth/auth.ts";
import type { ApiEnv } from "./env.ts";
import { createEvalRunner } from "./evals/eval-runner.ts";
import { CallEventTail } from "./live/call-event-tail.ts";
import type { Logger } from "./logger.ts";
import type { ApiServices } from "./trpc.ts";

/** Everything an api process needs, built from its environment and its database. */
export function createServices(env: ApiEnv, db: Database, logger: Logger) {
  const services: ApiServices = {
    prisma: db.prisma,
    logger,
    openai: env.OPENAI_API_KEY
      ? new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL })
      : null,
    twilioRest: createTwilioRest(env),
    // PGlite's socket carries no notifications across connections: there the tail polls.
    tail: new CallEventTail({ prisma: db.prisma, logger, listenUrl: db.embedded ? null : db.url }),
    realtimeEnabled: env.ENABLE_REALTIME_API,
    healthTimeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? null,
    now: () => new Date(),
  };
  const openai = services.openai;
  services.evalRunner =
    env.PUBLIC_BASE_URL && env.TWILIO_AUTH_TOKEN
      ? createEvalRunner(
          {
            bridgeUrl: env.EVAL_BRIDGE_URL ?? env.PUBLIC_BASE_URL,
            publicBaseUrl: env.PUBLIC_BASE_URL,
            authToken: env.TWILIO_AUTH_TOKEN,
            simulatorUrl: env.EVAL_SIMULATOR_URL ?? null,
            fakeTwilioUrl: env.EVAL_FAKE_TWILIO_URL ?? null,
          },
          { prisma: db.prisma, logger: logger.child({ module: "evals" }), openai },
        )
      : null;
  const auth = createAuth(db.prisma, {
    secret: env.BETTER_AUTH_SECRET,
    appOrigin: env.APP_ORIGIN,
    trustedOrigins: [...env.CORS_ORIGINS, ...ownOrigins(env)],
    trustedProxies: env.TRUSTED_PROXIES,
    logger,
  });
  return { services, auth };
}

/**
 * Outside production the api is also opened directly (http://localhost:8080), besides Vite's dev
 * server at APP_ORIGIN; in production it serves the SPA itself, at APP_ORIGIN.
 */
function ownOrigins(env: ApiEnv): string[] {
  if (env.NODE_ENV === "production") return [];
  return [`http://localhost:${env.API_PORT}`, `http://127.0.0.1:${env.API_PORT}`];
}
