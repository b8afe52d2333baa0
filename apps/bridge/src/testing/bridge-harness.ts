import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Prisma, seed } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import {
  FakeTwilioRest,
  type PlaceCallOptions,
  placeCall,
  RealtimeSimulator,
  type RealtimeSimulatorOptions,
  type Scenario,
} from "@koe/sim";
import { createTwilioRest } from "@koe/twilio";
import pino from "pino";
import twilio from "twilio";
import { vi } from "vitest";
import { CallRegistry } from "../calls/call-registry.ts";
import type { BridgeContext } from "../context.ts";
import { readBridgeEnv } from "../env.ts";
import { CallJournal } from "../events/call-journal.ts";
import { OperatorCache } from "../fallback/operator-cache.ts";
import { createBridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import { createBridgeServer } from "../server.ts";
import { createProductionTools } from "../tools/production-tools.ts";
import type { ToolRegistry } from "../tools/tool-registry.ts";
import { StreamTokens } from "../twilio/stream-token.ts";

export const AUTH_TOKEN = "test-twilio-auth-token";
export const PUBLIC_BASE_URL = "https://voice.example.jp";

export type EndedCall = Prisma.CallSessionGetPayload<{ include: { events: true } }>;

export type BridgeHarness = {
  url: string;
  server: Server;
  ctx: BridgeContext;
  sim: RealtimeSimulator;
  twilioRest: FakeTwilioRest;
  db: TestDatabase;
  call(scenario: Scenario, options?: Partial<PlaceCallOptions>): ReturnType<typeof placeCall>;
  /**
   * The call's row with its events in order, once its "ended" event is stored: a call's last lines
   * may be journaled up to its hang-up grace after Twilio's stream closed.
   */
  endedCall(callSid: string): Promise<EndedCall>;
  /** POSTs a form to the bridge signed as Twilio signs it (over the public URL), or with `signWith`. */
  post(pathAndQuery: string, params: Record<string, string>, signWith?: string): Promise<Response>;
  close(): Promise<void>;
};

/**
 * A whole bridge on loopback for integration tests: a fresh seeded database, the GA simulator
 * in place of OpenAI, and the caller simulator to play Twilio.
 */
export async function startBridgeHarness(
  options: {
    env?: NodeJS.ProcessEnv;
    sim?: RealtimeSimulatorOptions;
    /** Replaces the production tools. */
    tools?: ToolRegistry;
    /** The production tools' clock (appointments in the past are refused). */
    now?: () => Date;
    /** Where the bridge logs (default: nowhere). */
    logger?: Logger;
  } = {},
): Promise<BridgeHarness> {
  const db = await createTestDatabase();
  await seed(db.prisma, { adminPassword: "harness-admin" });
  const sim = await RealtimeSimulator.start(options.sim);
  const twilioRest = await FakeTwilioRest.start();
  const env = readBridgeEnv({
    NODE_ENV: "test",
    ENABLE_REALTIME_API: "true",
    OPENAI_API_KEY: "sk-sim-test",
    OPENAI_REALTIME_URL: sim.url,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_ACCOUNT_SID: "ACtest",
    TWILIO_API_BASE_URL: twilioRest.url,
    PUBLIC_BASE_URL,
    BRIDGE_INSTANCE: "test-1",
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const logger = options.logger ?? pino({ level: env.LOG_LEVEL });
  const journal = new CallJournal(db.prisma, logger, { flushIntervalMs: 10 });
  const calls = new CallRegistry();
  const rest = createTwilioRest(env);
  const metrics = createBridgeMetrics({ journalPending: () => journal.pending });
  const ctx: BridgeContext = {
    env,
    prisma: db.prisma,
    journal,
    calls,
    tokens: new StreamTokens(AUTH_TOKEN),
    operators: new OperatorCache(),
    tools:
      options.tools ??
      createProductionTools({
        prisma: db.prisma,
        journal,
        twilioRest: rest,
        metrics,
        logger,
        now: options.now ?? (() => new Date()),
      }),
    twilioRest: rest,
    metrics,
    logger,
  };
  const server = createBridgeServer(ctx);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    ctx,
    sim,
    twilioRest,
    db,
    call: (scenario, callOptions) =>
      placeCall({
        bridgeUrl: url,
        publicBaseUrl: PUBLIC_BASE_URL,
        authToken: AUTH_TOKEN,
        scenario,
        ...callOptions,
      }),
    async endedCall(callSid) {
      let row: EndedCall | undefined;
      await vi.waitFor(
        async () => {
          await journal.drain();
          row = await db.prisma.callSession.findUniqueOrThrow({
            where: { callSid },
            include: { events: { orderBy: { id: "asc" } } },
          });
          const ended = row.events.some(
            (e) => e.type === "status" && (e.payload as { status?: string }).status === "ended",
          );
          if (!ended) throw new Error(`call ${callSid} has no "ended" event yet`);
        },
        { timeout: 20_000, interval: 100 },
      );
      return row as EndedCall;
    },
    post: (pathAndQuery, params, signWith = AUTH_TOKEN) =>
      fetch(`${url}${pathAndQuery}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(
            signWith,
            `${PUBLIC_BASE_URL}${pathAndQuery}`,
            params,
          ),
        },
        body: new URLSearchParams(params),
      }),
    async close() {
      for (const call of ctx.calls.all()) call.end("bridge_restarted");
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.journal.drain(5_000);
      await sim.close();
      await twilioRest.close();
      await db.close();
    },
  };
}
