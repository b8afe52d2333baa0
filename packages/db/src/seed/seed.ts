import { randomBytes, randomUUID } from "node:crypto";
import { recordAgentVersion } from "../agents/agent-version.ts";
import type { Prisma, PrismaClient, UserRole } from "../generated/prisma/client.ts";
import {
  DEMO,
  demoCompany,
  demoConversationSettings,
  demoCustomers,
  demoKeywordTemplates,
  demoRealtimeSettings,
} from "./demo-data.ts";
import { parsedDemoScenarios } from "./demo-scenarios.ts";

export type SeedOptions = {
  /** Admin password; when absent a new admin gets a generated one, returned once. */
  adminPassword?: string;
  operatorPassword?: string;
};

export type SeededLogin = { email: string; role: UserRole; password: string | null };

export type SeedResult = {
  companyId: string;
  agentId: string;
  /** Each demo login; `password` is set only when this run chose or changed it. */
  logins: SeededLogin[];
};

/**
 * Creates the demo company, its admin and operator, the demo agent on +815012345678 with the
 * Realtime API enabled, rollout 100 %, a few customers and five test scenarios. Idempotent: running it again changes
 * nothing, except a password given explicitly, which is made to match.
 */
export async function seed(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedResult> {
  await prisma.company.upsert({
    where: { id: DEMO.companyId },
    create: { id: DEMO.companyId, ...demoCompany },
    update: {},
  });
  await prisma.agent.upsert({
    where: { id: DEMO.agentId },
    create: {
      id: DEMO.agentId,
      companyId: DEMO.companyId,
      name: "受付エージェント",
      conversationSettings: demoConversationSettings,
      keywordTemplates: demoKeywordTemplates,
      realtimeSettings: demoRealtimeSettings,
    },
    update: {},
  });
  await prisma.$transaction(async (tx) => {
    // Locked before the check, so seeds run at once record version 1 only once.
    await tx.$queryRaw`SELECT id FROM "Agent" WHERE id = ${DEMO.agentId}::uuid FOR UPDATE`;
    const agent = await tx.agent.findUniqueOrThrow({
      where: { id: DEMO.agentId },
      select: { currentVersionId: true },
    });
    if (!agent.currentVersionId) await recordAgentVersion(tx, { agentId: DEMO.agentId, note: "初期設定" });
  });
  await prisma.phoneNumber.upsert({
    where: { e164: DEMO.phoneNumber },
    create: { e164: DEMO.phoneNumber, companyId: DEMO.companyId, agentId: DEMO.agentId, label: "代表番号" },
    update: {},
  });
  const logins = [
    await ensureUser(prisma, DEMO.adminEmail, "デモ管理者", "admin", options.adminPassword),
    await ensureUser(prisma, DEMO.operatorEmail, "デモオペレーター", "operator", options.operatorPassword),
  ];
  await prisma.rolloutConfig.upsert({
    where: { companyId: DEMO.companyId },
    create: { companyId: DEMO.companyId, realtimePercentage: 100 },
    update: {},
  });
  for (const customer of demoCustomers) {
    await prisma.customer.upsert({
      where: { companyId_phoneNumber: { companyId: DEMO.companyId, phoneNumber: customer.phoneNumber } },
      create: { companyId: DEMO.companyId, ...customer },
      update: {},
    });
  }
  for (const scenario of parsedDemoScenarios()) {
    await prisma.testScenario.upsert({
      where: { agentId_name: { agentId: DEMO.agentId, name: scenario.name } },
      create: {
        companyId: DEMO.companyId,
        agentId: DEMO.agentId,
        ...scenario,
        steps: scenario.steps as Prisma.InputJsonValue,
        expectations: scenario.expectations as Prisma.InputJsonValue,
      },
      update: {},
    });
  }
  return { companyId: DEMO.companyId, agentId: DEMO.agentId, logins };
}

/** A user with a better-auth credential account, so the api's login accepts the password. */
async function ensureUser(
  prisma: PrismaClient,
  email: string,
  name: string,
  role: UserRole,
  wantedPassword: string | undefined,
): Promise<SeededLogin> {
  // Loaded here, not at import: only seeding hashes passwords, and the bridge imports this package.
  const { hashPassword, verifyPassword } = await import("better-auth/crypto");
  const existing = await prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      accounts: { where: { providerId: "credential" }, select: { id: true, password: true } },
    },
  });
  if (!existing) {
    const password = wantedPassword ?? randomBytes(12).toString("base64url");
    const id = randomUUID();
    await prisma.user.create({
      data: {
        id,
        email,
        name,
        role,
        emailVerified: true,
        companyId: DEMO.companyId,
        accounts: {
          create: {
            id: randomUUID(),
            accountId: id,
            providerId: "credential",
            password: await hashPassword(password),
          },
        },
      },
    });
    return { email, role, password };
  }
  const account = existing.accounts[0];
  if (
    wantedPassword === undefined ||
    (account?.password && (await verifyPassword({ hash: account.password, password: wantedPassword })))
  ) {
    return { email, role, password: null };
  }
  const hash = await hashPassword(wantedPassword);
  await prisma.account.upsert({
    where: { providerId_accountId: { providerId: "credential", accountId: existing.id } },
    create: {
      id: randomUUID(),
      accountId: existing.id,
      providerId: "credential",
      userId: existing.id,
      password: hash,
    },
    update: { password: hash },
  });
  return { email, role, password: wantedPassword };
}
