import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";

describe("agent versions", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.close());

  const agentId = DEMO.agentId;
  const admin = () => h.caller(h.users.admin);
  const stored = () =>
    h.db.prisma.agent.findUniqueOrThrow({
      where: { id: agentId },
      include: { currentVersion: true },
    });

  it("starts at the seed's version 1, the current one", async () => {
    const versions = await h.caller(h.users.operator).salesPitch.versions({ agentId });
    expect(versions).toMatchObject([
      { version: 1, current: true, note: "初期設定", restoredFromVersion: null },
    ]);
    expect((await admin().salesPitch.byId({ agentId })).currentVersion).toBe(1);
  });

  it("makes one immutable version per save, whoever saved it, when and why, and points the agent at it", async () => {
    const before = await admin().salesPitch.byId({ agentId });
    if (!before.conversationSettings) throw new Error("the seed stores valid conversation settings");
    const saved = await admin().salesPitch.saveSettings({
      agentId,
      conversationSettings: { ...before.conversationSettings, greeting: "はい、デモ株式会社受付です。" },
      realtimeSettings: { ...before.realtimeSettings, voice: "cedar" },
      note: "  挨拶と声を変更  ",
    });
    expect(saved.version).toBe(2);

    const versions = await admin().salesPitch.versions({ agentId });
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[0]).toMatchObject({ createdBy: "デモ管理者", note: "挨拶と声を変更" });
    expect(Date.parse(versions[0]?.createdAt ?? "")).toBeGreaterThan(
      Date.parse(versions[1]?.createdAt ?? ""),
    );

    const agent = await stored();
    expect(agent.currentVersion).toMatchObject({
      version: 2,
      createdById: h.users.admin.id,
      conversationSettings: agent.conversationSettings,
      keywordTemplates: agent.keywordTemplates,
      realtimeSettings: agent.realtimeSettings,
    });
    // One audit entry per area changed, as the separate saves write them.
    const audits = await h.db.prisma.auditLog.findMany({
      where: { entityId: agentId },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.action)).toEqual([
      "conversation_settings_updated",
      "realtime_settings_updated",
    ]);

    // The separate procedures make versions too.
    const realtime = await admin().salesPitch.updateRealtimeSettings({
      agentId,
      settings: { ...before.realtimeSettings, voice: "sage" },
    });
    expect(realtime.version).toBe(3);
    expect((await stored()).currentVersion).toMatchObject({ version: 3, note: null });
    // Version 1 is as the seed left it.
    const first = await admin().salesPitch.version({ agentId, version: 1 });
    expect(first.realtimeSettings?.voice).toBe("marin");
    expect(first.conversationSettings?.greeting).toBe(before.conversationSettings.greeting);
  });

  it("saves the prompt 「既存設定から生成」 made as a version of its own", async () => {
    const { realtimeSettings } = await admin().salesPitch.byId({ agentId });
    const { after } = await admin().salesPitch.convertLegacy({ agentId });
    const saved = await admin().salesPitch.saveSettings({
      agentId,
      realtimeSettings: { ...realtimeSettings, instructions: after },
      note: "既存設定から生成",
    });
    const version = await admin().salesPitch.version({ agentId, version: saved.version });
    expect(version).toMatchObject({ current: true, note: "既存設定から生成" });
    expect(version.realtimeSettings?.instructions).toBe(after);
  });

  it("numbers two saves made at the same moment one after the other, each with its own settings", async () => {
    const { realtimeSettings } = await admin().salesPitch.byId({ agentId });
    const latest = (await stored()).currentVersion?.version ?? 0;
    const saves = await Promise.all(
      (["ash", "ballad"] as const).map((voice) =>
        admin().salesPitch.saveSettings({
          agentId,
          realtimeSettings: { ...realtimeSettings, voice },
          note: voice,
        }),
      ),
    );
    expect(saves.map((s) => s.version).sort()).toEqual([latest + 1, latest + 2]);
    const rows = await h.db.prisma.agentVersion.findMany({
      where: { agentId, version: { gt: latest } },
      orderBy: { version: "asc" },
    });
    // Each version holds what its own save wrote (its note names the voice it saved).
    for (const row of rows) expect(row.realtimeSettings).toMatchObject({ voice: row.note });
    const agent = await stored();
    expect(agent.currentVersion?.version).toBe(latest + 2);
    expect(agent.realtimeSettings).toEqual(rows[1]?.realtimeSettings);
  });

  it("gives an older version and the current one apart, the data the diff is drawn from", async () => {
    const versions = await admin().salesPitch.versions({ agentId });
    const current = versions.find((v) => v.current);
    if (!current) throw new Error("the agent has a current version");
    const [old, now] = await Promise.all([
      admin().salesPitch.version({ agentId, version: 1 }),
      admin().salesPitch.version({ agentId, version: current.version }),
    ]);
    expect(old.current).toBe(false);
    expect(now.current).toBe(true);
    expect(old.realtimeSettings?.instructions).not.toBe(now.realtimeSettings?.instructions);
    expect(old.conversationSettings?.greeting).not.toBe(now.conversationSettings?.greeting);
    expect(now.realtimeSettings).toEqual((await admin().salesPitch.byId({ agentId })).realtimeSettings);
    await expect(admin().salesPitch.version({ agentId, version: 999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("restores a version as a new one, with an audit entry, and leaves history as it was", async () => {
    const latest = (await stored()).currentVersion?.version ?? 0;
    const restored = await admin().salesPitch.restoreVersion({ agentId, version: 1 });
    expect(restored).toEqual({ agentId, version: latest + 1, restoredFromVersion: 1 });

    const [agent, first] = await Promise.all([
      stored(),
      h.db.prisma.agentVersion.findUniqueOrThrow({ where: { agentId_version: { agentId, version: 1 } } }),
    ]);
    expect(agent.currentVersion).toMatchObject({
      version: latest + 1,
      restoredFromVersion: 1,
      createdById: h.users.admin.id,
    });
    for (const field of ["conversationSettings", "keywordTemplates", "realtimeSettings"] as const) {
      expect(agent[field]).toEqual(first[field]);
      expect(agent.currentVersion?.[field]).toEqual(first[field]);
    }
    const versions = await admin().salesPitch.versions({ agentId });
    expect(versions).toHaveLength(latest + 1);
    expect(versions[0]).toMatchObject({ version: latest + 1, current: true, restoredFromVersion: 1 });

    const audit = await h.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "agent_version_restored" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({
      companyId: DEMO.companyId,
      actorId: h.users.admin.id,
      entityType: "Agent",
      entityId: agentId,
      before: { version: latest },
      after: { version: latest + 1, restoredFromVersion: 1 },
    });

    // Restoring the current version again would only repeat it.
    await expect(admin().salesPitch.restoreVersion({ agentId, version: latest + 1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(admin().salesPitch.restoreVersion({ agentId, version: 999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await stored()).currentVersion?.version).toBe(latest + 1);
  });

  it("refuses to restore settings a save would refuse today, and changes nothing", async () => {
    const agent = await stored();
    const latest = agent.currentVersion?.version ?? 0;
    await h.db.prisma.agentVersion.create({
      data: {
        companyId: DEMO.companyId,
        agentId,
        version: latest + 1,
        conversationSettings: agent.conversationSettings ?? {},
        keywordTemplates: agent.keywordTemplates ?? [],
        realtimeSettings: { ...(agent.realtimeSettings as object), model: "gpt-4o-realtime-preview" },
        note: "提供終了したモデル",
      },
    });
    await expect(admin().salesPitch.restoreVersion({ agentId, version: latest + 1 })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("realtimeSettings"),
    });
    const after = await stored();
    expect(after.currentVersionId).toBe(agent.currentVersionId);
    expect(after.realtimeSettings).toEqual(agent.realtimeSettings);
  });

  it("shows on a call the version it ran with", async () => {
    const { currentVersion } = await stored();
    const call = await insertTestCall(h.db.prisma, { agentVersionId: currentVersion?.id ?? null });
    const detail = await admin().calls.byId({ callId: call.id });
    expect(detail.call.agentVersion).toBe(currentVersion?.version);
    const old = await insertTestCall(h.db.prisma);
    expect((await admin().calls.byId({ callId: old.id })).call.agentVersion).toBeNull();
  });
});
