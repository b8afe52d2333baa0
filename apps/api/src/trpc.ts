import type { PrismaClient } from "@koe/db";
import type { TwilioRest } from "@koe/twilio";
import { initTRPC, TRPCError } from "@trpc/server";
import type OpenAI from "openai";
import { ZodError, z } from "zod";
import type { SessionUser } from "./auth/session-user.ts";
import type { EvalRunner } from "./evals/eval-runner.ts";
import type { CallEventTail } from "./live/call-event-tail.ts";
import type { Logger } from "./logger.ts";

/** What an api process shares between requests. */
export type ApiServices = {
  prisma: PrismaClient;
  logger: Logger;
  /** OpenAI's REST API (voice previews, client secrets); null without OPENAI_API_KEY. */
  openai: OpenAI | null;
  /** Twilio's REST API (take-overs); null without Twilio credentials. */
  twilioRest: TwilioRest | null;
  /** The call event log as it grows, for live subscriptions. */
  tail: CallEventTail;
  /** ENABLE_REALTIME_API: the global kill switch the bridge obeys. */
  realtimeEnabled: boolean;
  /** How often `live.alerts` looks for new operator alerts (default 1 s; alerts are rare). */
  alertPollIntervalMs?: number;
  /** How long health.check waits for the database (default 2 s). */
  healthTimeoutMs?: number;
  /** PUBLIC_BASE_URL: where Twilio reaches the bridge (webhooks of outbound calls); null when unset. */
  publicBaseUrl: string | null;
  /** Plays evaluation runs; null without PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN (runs cannot start). */
  evalRunner?: EvalRunner | null;
  /** The clock calling hours are checked against. */
  now(): Date;
};

/**
 * What every procedure sees: the services, who is calling (null: not signed in), and over HTTP the
 * request's id (also its `x-request-id` header), which ties an error the client sees to the log.
 */
export type Context = ApiServices & { user: SessionUser | null; requestId?: string };

/** What a client learns of an unexpected failure: the details (Prisma's text, stacks) are logged. */
const INTERNAL_MESSAGE = "Internal server error";

const t = initTRPC.context<Context>().create({
  sse: {
    // Keeps idle subscriptions alive through proxies; the client reconnects (resuming) if pings stop.
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 40_000 },
  },
  errorFormatter: ({ shape, error, ctx }) => {
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : shape.message,
      data: {
        ...data,
        requestId: ctx?.requestId ?? null,
        // Bad input names the fields that are wrong, so the SPA can show them beside each one.
        zodError:
          error.code === "BAD_REQUEST" && error.cause instanceof ZodError
            ? z.flattenError(error.cause)
            : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/** Signed-in users of any role; every query below it is scoped to `ctx.user.companyId`. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Admins only: settings and rollout. Operators monitor, take over and rate calls. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only an admin may do this." });
  }
  return next();
});
