import { randomUUID } from "node:crypto";
import { DEMO, type Prisma, recordAgentVersion, seed } from "@koe/db";
import {
  createTestDatabase,
  demoCompany,
  demoConversationSettings,
  demoKeywordTemplates,
  demoRealtimeSettings,
  insertTestCall,
  type TestDatabase,
} from "@koe/db/testing";
import type { EvalRunSummary } from "@koe/shared";
import { FakeOpenAIRest, FakeTwilioRest } from "@koe/sim";
import { createTwilioRest } from "@koe/twilio";
import OpenAI from "openai";
import pino from "pino";
import { type Auth, createAuth } from "../auth/auth.ts";
import type { SessionUser } from "../auth/session-user.ts";
import { CallEventTail } from "../live/call-event-tail.ts";
import type { Logger } from "../logger.ts";
import { appRouter } from "../root.ts";
import { type ApiServices, createCallerFactory } from "../trpc.ts";

export const TEST_PASSWORD = "test-password-2026";
export const APP_ORIGIN = "http://koe.test";
export const PUBLIC_BASE_URL = "https://voice.koe.test";
const OTHER_COMPANY_ID = "00000000-0000-4000-8000-0000000000b2";

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export type ApiHarness = {
  db: TestDatabase;
  services: ApiServices;
  auth: Auth;
  twilio: FakeTwilioRest;
  openai: FakeOpenAIRest;
  users: Record<"admin" | "operator" | "otherAdmin" | "otherOperator", SessionUser>;
  /** Rows of a second company, which the demo company's users must never reach. */
  other: {
    companyId: string;
    agentId: string;
    callId: string;
    alertId: string;
    scenarioId: string;
    runId: string;
  };
  /** A caller as this user; `services` replaces some of the services (e.g. no OpenAI key). */
  caller(user: SessionUser | null, services?: Partial<ApiServices>): Caller;
  close(): Promise<void>;
};

/**
 * A fresh database with the demo company (seeded, with TEST_PASSWORD logins) and a second
 * company, the api's services against fake OpenAI and Twilio REST servers, and callers per user.
 */
export async function startApiHarness(
  options: { openaiKey?: boolean; pollIntervalMs?: number; logger?: Logger } = {},
) {
  const db = await createTestDatabase();
  await seed(db.prisma, { adminPassword: TEST_PASSWORD, operatorPassword: TEST_PASSWORD });
  const other = await seedOtherCompany(db);
  const [twilio, openai] = await Promise.all([FakeTwilioRest.start(), FakeOpenAIRest.start()]);
  const logger = options.logger ?? pino({ level: "silent" });
  const services: ApiServices = {
    prisma: db.prisma,
    logger,
    openai:
      options.openaiKey === false
        ? null
        : new OpenAI({ apiKey: "sk-test", baseURL: openai.url, maxRetries: 0 }),
    twilioRest: createTwilioRest({
      TWILIO_ACCOUNT_SID: "ACtest",
      TWILIO_AUTH_TOKEN: "test-token",
      TWILIO_API_BASE_URL: twilio.url,
    }),
    tail: new CallEventTail({
      prisma: db.prisma,
      logger,
      listenUrl: db.kind === "postgresql" ? db.url : null,
      pollIntervalMs: options.pollIntervalMs ?? 50,
    }),
    realtimeEnabled: true,
    alertPollIntervalMs: options.pollIntervalMs ?? 50,
    publicBaseUrl: PUBLIC_BASE_URL,
    now: () => new Date(),
  };
  await services.tail.start();
  const auth = createAuth(db.prisma, {
    secret: "test-secret-test-secret-test-secret-00",
    appOrigin: APP_ORIGIN,
    trustedOrigins: [],
    // As behind a load balancer on loopback: X-Forwarded-For names the client.
    trustedProxies: ["127.0.0.1"],
    signInAttemptsPerMinute: 3,
    logger,
  });
  const users = {
    admin: await sessionUser(db, DEMO.adminEmail),
    operator: await sessionUser(db, DEMO.operatorEmail),
    otherAdmin: await sessionUser(db, "admin@other.example"),
    otherOperator: await sessionUser(db, "operator@other.example"),
  };
  const harness: ApiHarness = {
    db,
    services,
    auth,
    twilio,
    openai,
    users,
    other,
    caller: (user, overrides) => createCaller({ ...services, ...overrides, user }),
    async close() {
      await services.tail.stop();
      await Promise.all([twilio.close(), openai.close()]);
      await db.close();
    },
  };
  return harness;
}

async function sessionUser(db: TestDatabase, email: string): Promise<SessionUser> {
  return db.prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, name: true, email: true, role: true, companyId: true },
  });
}

async function seedOtherCompany(db: TestDatabase) {
  const { businessHours, callingHours } = demoCompany;
  await db.prisma.company.create({
    data: {
      id: OTHER_COMPANY_ID,
      name: "他社株式会社",
      businessHours,
      callingHours,
      operatorPhoneNumber: "+81300000000",
    },
  });
  for (const role of ["admin", "operator"] as const) {
    await db.prisma.user.create({
      data: {
        id: randomUUID(),
        name: `他社 ${role}`,
        email: `${role}@other.example`,
        role,
        companyId: OTHER_COMPANY_ID,
      },
    });
  }
  const agent = await db.prisma.agent.create({
    data: {
      companyId: OTHER_COMPANY_ID,
      name: "他社エージェント",
      conversationSettings: demoConversationSettings,
      keywordTemplates: demoKeywordTemplates,
      realtimeSettings: demoRealtimeSettings,
    },
  });
  const version = await db.prisma.$transaction((tx) =>
    recordAgentVersion(tx, { agentId: agent.id, note: "他社の版" }),
  );
  const call = await insertTestCall(db.prisma, {
    companyId: OTHER_COMPANY_ID,
    agentId: agent.id,
    status: "active",
  });
  const alert = await insertTestAlert(db, OTHER_COMPANY_ID);
  const scenario = await db.prisma.testScenario.create({
    data: {
      companyId: OTHER_COMPANY_ID,
      agentId: agent.id,
      name: "他社のシナリオ",
      callerNumber: "+819011112222",
      steps: [{ speaker: "caller", say: "もしもし", pauseMs: 400 }],
      expectations: [],
    },
  });
  const run = await insertTestRun(db, {
    companyId: OTHER_COMPANY_ID,
    agentId: agent.id,
    agentVersionId: version.id,
    summary: testRunSummary({}),
  });
  return {
    companyId: OTHER_COMPANY_ID,
    agentId: agent.id,
    callId: call.id,
    alertId: alert.id.toString(),
    scenarioId: scenario.id,
    runId: run.id,
  };
}

/** A finished evaluation run's figures, for tests: `overrides` replaces any of them. */
export function testRunSummary(overrides: Partial<EvalRunSummary>): EvalRunSummary {
  return {
    calls: 10,
    passed: 9,
    failed: 1,
    turnLatencyMs: { p50: 400, p95: 700, p99: 900, avg: 450 },
    timeToFirstAudioMs: { avg: 1200, p95: 1500 },
    transcriptionAccuracy: 0.97,
    callerCer: 0.03,
    costUsd: { total: 2, perCall: 0.2 },
    expectations: [{ scenario: "新規予約", index: 0, label: "予約が作成される", passed: 9, total: 10 }],
    wallTimeMs: 60_000,
    ...overrides,
  };
}

/** A finished evaluation run row, as the runner leaves one. */
export function insertTestRun(
  db: TestDatabase,
  data: { companyId: string; agentId: string; agentVersionId: string; summary: EvalRunSummary },
) {
  return db.prisma.evalRun.create({
    data: {
      ...data,
      summary: data.summary as unknown as Prisma.InputJsonValue,
      status: "completed",
      scenarios: [{ name: "新規予約" }],
      callsPlanned: data.summary.calls,
      callsDone: data.summary.calls,
      callsPassed: data.summary.passed,
      concurrency: 5,
      finishedAt: new Date(),
    },
  });
}

/** An operator alert as the bridge's guardrail writes it when it rolls a company back. */
export async function insertTestAlert(
  db: TestDatabase,
  companyId: string,
  message = "ガードレールにより自動で戻しました。",
): Promise<{ id: bigint }> {
  const now = new Date();
  return db.prisma.operatorAlert.create({
    data: {
      companyId,
      kind: "rollout_auto_rollback",
      message,
      details: {
        metric: "p95_turn_latency_ms",
        value: 1500,
        threshold: 800,
        samples: 40,
        windowStart: new Date(now.getTime() - 15 * 60_000).toISOString(),
        windowEnd: now.toISOString(),
        previousPercentage: 50,
        auditLogId: "1",
      },
    },
    select: { id: true },
  });
}
