import type { Database } from "@koe/db";
import { createTwilioRest } from "@koe/twilio";
import OpenAI from "openai";
import { createAuth } from "./auth/auth.ts";
import type { ApiEnv } from "./env.ts";
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
    publicBaseUrl: env.PUBLIC_BASE_URL ?? null,
    now: () => new Date(),
  };
  const auth = createAuth(db.prisma, {
    secret: env.BETTER_AUTH_SECRET,
    appOrigin: env.APP_ORIGIN,
    trustedOrigins: env.CORS_ORIGINS,
    trustedProxies: env.TRUSTED_PROXIES,
  });
  return { services, auth };
}
