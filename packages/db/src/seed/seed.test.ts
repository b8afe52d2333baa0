import { realtimeSettingsSchema, testScenarioInputSchema } from "@koe/shared";
import { verifyPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { DEMO } from "./demo-data.ts";
import { seed } from "./seed.ts";

describe("seed", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const counts = async () => ({
    companies: await db.prisma.company.count(),
    users: await db.prisma.user.count(),
    accounts: await db.prisma.account.count(),
    agents: await db.prisma.agent.count(),
    phoneNumbers: await db.prisma.phoneNumber.count(),
    customers: await db.prisma.customer.count(),
    rollouts: await db.prisma.rolloutConfig.count(),
    agentVersions: await db.prisma.agentVersion.count(),
    testScenarios: await db.prisma.testScenario.count(),
  });

  it("creates the demo company, logins, agent, rollout and customers, once", async () => {
    const first = await seed(db.prisma, { adminPassword: "demo-admin-pw" });
    const afterFirst = await counts();
    expect(afterFirst).toEqual({
      companies: 1,
      users: 2,
      accounts: 2,
      agents: 1,
      phoneNumbers: 1,
      customers: 3,
      rollouts: 1,
      agentVersions: 1,
      testScenarios: 5,
    });
    const agent = await db.prisma.agent.findUniqueOrThrow({
      where: { id: DEMO.agentId },
      include: { currentVersion: true },
    });
    expect(agent.currentVersion).toMatchObject({ version: 1, realtimeSettings: agent.realtimeSettings });

    const admin = first.logins.find((l) => l.role === "admin");
    const operator = first.logins.find((l) => l.role === "operator");
    expect(admin).toEqual({ email: DEMO.adminEmail, role: "admin", password: "demo-admin-pw" });
    // No operator password was given: one is generated and returned this once.
    expect(operator?.password).toMatch(/^[\w-]{16}$/);

    const second = await seed(db.prisma, { adminPassword: "demo-admin-pw" });
    expect(await counts()).toEqual(afterFirst);
    expect(second.logins.map((l) => l.password)).toEqual([null, null]);
  });

  it("gives the demo agent its test scenarios, each valid under the api's schema", async () => {
    await seed(db.prisma, { adminPassword: "demo-admin-pw" });
    const scenarios = await db.prisma.testScenario.findMany({
      where: { agentId: DEMO.agentId },
      orderBy: { createdAt: "asc" },
    });
    expect(scenarios.map((s) => s.name)).toEqual([
      "新規予約",
      "予約の変更",
      "お客様情報の確認",
      "怒っているお客様",
      "関係のない問い合わせ",
    ]);
    for (const scenario of scenarios) {
      const parsed = testScenarioInputSchema.safeParse({ ...scenario, description: scenario.description });
      expect(parsed.error).toBeUndefined();
    }
  });

  it("stores a password hash better-auth accepts, and resets it when asked to", async () => {
    const account = async () =>
      db.prisma.account.findFirstOrThrow({
        where: { providerId: "credential", user: { email: DEMO.adminEmail } },
      });
    const before = await account();
    expect(await verifyPassword({ hash: before.password ?? "", password: "demo-admin-pw" })).toBe(true);

    const result = await seed(db.prisma, { adminPassword: "a-new-password" });
    expect(result.logins[0]?.password).toBe("a-new-password");
    expect(await verifyPassword({ hash: (await account()).password ?? "", password: "a-new-password" })).toBe(
      true,
    );
  });

  it("binds the demo agent to +815012345678 with valid realtime settings, enabled, at 100 % rollout", async () => {
    const number = await db.prisma.phoneNumber.findUniqueOrThrow({
      where: { e164: "+815012345678" },
      select: {
        agent: { select: { realtimeSettings: true, company: { select: { name: true, rollout: true } } } },
      },
    });
    expect(number.agent.company.name).toBe("デモ株式会社");
    expect(number.agent.company.rollout?.realtimePercentage).toBe(100);
    expect(realtimeSettingsSchema.parse(number.agent.realtimeSettings).enabled).toBe(true);
  });
});
