import { DEMO } from "@koe/db";
import { FakeOpenAIRest } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readApiEnv } from "../../env.ts";
import { createServices } from "../../services.ts";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness.ts";
import { PREVIEW_TEXT } from "./voice-preview.ts";

describe("salesPitch router", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.close());

  it("lists the company's agents with their settings and the engine their calls get", async () => {
    const agents = await h.caller(h.users.operator).salesPitch.list();
    expect(agents.map((a) => a.id)).toEqual([DEMO.agentId]);
    expect(agents[0]).toMatchObject({
      name: "受付エージェント",
      phoneNumbers: [{ e164: DEMO.phoneNumber }],
      realtimeSettings: { enabled: true, voice: "marin" },
      engine: { active: "realtime", rolloutPercentage: 100, killSwitchOn: true },
      invalidStoredSettings: [],
    });
    const off = await h
      .caller(h.users.operator, { realtimeEnabled: false })
      .salesPitch.byId({ agentId: DEMO.agentId });
    expect(off.engine.active).toBe("legacy");
  });

  it("updates the legacy conversation settings with an audit entry", async () => {
    const admin = h.caller(h.users.admin);
    const before = await admin.salesPitch.byId({ agentId: DEMO.agentId });
    const { conversationSettings } = before;
    if (!conversationSettings) throw new Error("the seed stores valid conversation settings");
    await admin.salesPitch.updateConversationSettings({
      agentId: DEMO.agentId,
      conversationSettings: { ...conversationSettings, greeting: "はい、デモ株式会社です。" },
    });
    const after = await admin.salesPitch.byId({ agentId: DEMO.agentId });
    expect(after.conversationSettings?.greeting).toBe("はい、デモ株式会社です。");
    const audit = await h.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "conversation_settings_updated" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ actorId: h.users.admin.id, entityType: "Agent", entityId: DEMO.agentId });
    expect(audit.before).toMatchObject({
      conversationSettings: { greeting: before.conversationSettings?.greeting },
    });
    expect(audit.after).toMatchObject({ conversationSettings: { greeting: "はい、デモ株式会社です。" } });
  });

  it("saves keyword templates with the conversation settings, refusing a word two templates share", async () => {
    const admin = h.caller(h.users.admin);
    const { conversationSettings, keywordTemplates } = await admin.salesPitch.byId({ agentId: DEMO.agentId });
    if (!conversationSettings) throw new Error("the seed stores valid conversation settings");
    const cancel = {
      keyword: "キャンセル",
      synonyms: ["取り消し"],
      response: "キャンセルの件ですね。",
      action: "none" as const,
    };
    await admin.salesPitch.updateConversationSettings({
      agentId: DEMO.agentId,
      conversationSettings,
      keywordTemplates: [...keywordTemplates, cancel],
    });
    expect((await admin.salesPitch.byId({ agentId: DEMO.agentId })).keywordTemplates).toEqual([
      ...keywordTemplates,
      cancel,
    ]);

    const error = await admin.salesPitch
      .updateConversationSettings({
        agentId: DEMO.agentId,
        conversationSettings,
        keywordTemplates: [...keywordTemplates, { ...cancel, synonyms: ["予約"] }],
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining('"予約"') });
    expect((await admin.salesPitch.byId({ agentId: DEMO.agentId })).keywordTemplates).toContainEqual(cancel);
  });

  it("stores realtime settings only within what GA accepts, naming the wrong field", async () => {
    const admin = h.caller(h.users.admin);
    const { settings } = await admin.salesPitch.realtimeSettings({ agentId: DEMO.agentId });
    for (const bad of [
      { speed: 2 },
      { voice: "nova" },
      { temperature: 0.8 },
      { model: "gpt-4o-realtime-preview" },
    ]) {
      const error = await admin.salesPitch
        .updateRealtimeSettings({
          agentId: DEMO.agentId,
          settings: { ...settings, ...bad } as typeof settings,
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
    }
    await admin.salesPitch.updateRealtimeSettings({
      agentId: DEMO.agentId,
      settings: { ...settings, voice: "cedar", speed: 1.5 },
    });
    expect((await admin.salesPitch.realtimeSettings({ agentId: DEMO.agentId })).settings).toMatchObject({
      voice: "cedar",
      speed: 1.5,
    });
    const audit = await h.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "realtime_settings_updated" },
    });
    expect(audit.after).toMatchObject({ realtimeSettings: { voice: "cedar", speed: 1.5 } });
  });

  it("refuses an empty prompt while the Realtime API is on, and variables that do not exist", async () => {
    const admin = h.caller(h.users.admin);
    const { settings } = await admin.salesPitch.realtimeSettings({ agentId: DEMO.agentId });
    for (const bad of [
      { enabled: true, instructions: " " },
      { instructions: "あなたは{{company}}の受付です。{{unknown_var}}様。" },
    ]) {
      await expect(
        admin.salesPitch.updateRealtimeSettings({ agentId: DEMO.agentId, settings: { ...settings, ...bad } }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    const stored = await admin.salesPitch.realtimeSettings({ agentId: DEMO.agentId });
    expect(stored.settings.instructions).toBe(settings.instructions);
  });

  it("generates a prompt from the legacy settings beside the saved one, without saving it", async () => {
    const admin = h.caller(h.users.admin);
    const agent = await admin.salesPitch.byId({ agentId: DEMO.agentId });
    const preview = await admin.salesPitch.convertLegacy({ agentId: DEMO.agentId });
    expect(preview.before).toBe(agent.realtimeSettings.instructions);
    expect(preview.after).toContain(agent.conversationSettings?.greeting);
    for (const template of agent.keywordTemplates) expect(preview.after).toContain(`「${template.keyword}」`);
    expect(await admin.salesPitch.convertLegacy({ agentId: DEMO.agentId })).toEqual(preview);
    const after = await admin.salesPitch.byId({ agentId: DEMO.agentId });
    expect(after.realtimeSettings.instructions).toBe(agent.realtimeSettings.instructions);
  });

  it("refuses to generate from stored legacy settings it cannot read", async () => {
    const admin = h.caller(h.users.admin);
    const { keywordTemplates } = await h.db.prisma.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } });
    await h.db.prisma.agent.update({ where: { id: DEMO.agentId }, data: { keywordTemplates: [{ bad: 1 }] } });
    try {
      await expect(admin.salesPitch.convertLegacy({ agentId: DEMO.agentId })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
      });
    } finally {
      await h.db.prisma.agent.update({
        where: { id: DEMO.agentId },
        data: { keywordTemplates: keywordTemplates ?? [] },
      });
    }
  });

  it("generates a voice preview once through OpenAI and serves it from the database after", async () => {
    const operator = h.caller(h.users.operator);
    const first = await operator.salesPitch.voicePreview({ voice: "sage" });
    const second = await operator.salesPitch.voicePreview({ voice: "sage" });
    expect(first).toMatchObject({ available: true, contentType: "audio/mpeg", text: PREVIEW_TEXT });
    expect(second).toEqual(first);
    expect(first.available && Buffer.from(first.audioBase64, "base64")).toEqual(
      FakeOpenAIRest.speechFor("sage"),
    );
    const speech = h.openai.requests.filter((r) => r.path === "/v1/audio/speech");
    expect(speech).toHaveLength(1);
    expect(speech[0]?.body).toMatchObject({ voice: "sage", input: PREVIEW_TEXT });
  });

  it("says a preview is unavailable without an OpenAI key (unless it is already cached)", async () => {
    const noKey = h.caller(h.users.operator, { openai: null });
    expect(await noKey.salesPitch.voicePreview({ voice: "ash" })).toMatchObject({
      available: false,
      reason: "no_api_key",
    });
    expect(await noKey.salesPitch.voicePreview({ voice: "sage" })).toMatchObject({ available: true });
  });

  it("tells a key OpenAI refuses apart from a passing failure", async () => {
    const operator = h.caller(h.users.operator);
    h.openai.failWith = { status: 401, message: "Incorrect API key provided", remaining: 1 };
    expect(await operator.salesPitch.voicePreview({ voice: "ballad" })).toMatchObject({
      available: false,
      reason: "api_key_rejected",
    });
    h.openai.failWith = { status: 500, message: "The server had an error", remaining: 1 };
    expect(await operator.salesPitch.voicePreview({ voice: "ballad" })).toMatchObject({
      available: false,
      reason: "generation_failed",
    });
  });

  it("mints a GA client secret with the agent's settings for a browser test call", async () => {
    const secret = await h.caller(h.users.admin).salesPitch.createTestCallSecret({ agentId: DEMO.agentId });
    expect(secret.value).toMatch(/^ek_/);
    // The browser posts its SDP offer under the same OPENAI_BASE_URL (here the fake, as `./koe dev` does).
    expect(secret.callsUrl).toBe(`${h.openai.url}/realtime/calls`);
    const request = h.openai.requests.find((r) => r.path === "/v1/realtime/client_secrets");
    expect(request?.authorization).toBe("Bearer sk-test");
    expect(request?.body).toMatchObject({
      expires_after: { anchor: "created_at", seconds: 600 },
      session: {
        type: "realtime",
        model: "gpt-realtime-2.1",
        instructions: expect.stringContaining("デモ株式会社の電話受付担当"),
        audio: { output: { voice: "cedar", speed: 1.5, format: { type: "audio/pcm", rate: 24000 } } },
        tools: [],
      },
    });
  });

  it("derives the test call's WebRTC URL from the api's OPENAI_BASE_URL setting", async () => {
    const env = readApiEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${h.openai.url}/` });
    const database = { prisma: h.db.prisma, url: h.db.url, embedded: true, close: async () => {} };
    const { services } = createServices(env, database, h.services.logger);
    const secret = await h
      .caller(h.users.admin, { openai: services.openai })
      .salesPitch.createTestCallSecret({
        agentId: DEMO.agentId,
      });
    expect(secret.callsUrl).toBe(`${h.openai.url}/realtime/calls`);
    expect(readApiEnv({}).OPENAI_BASE_URL).toBe("https://api.openai.com/v1");
  });

  it("refuses a test call clearly without a key, and reports OpenAI's refusal", async () => {
    await expect(
      h.caller(h.users.admin, { openai: null }).salesPitch.createTestCallSecret({ agentId: DEMO.agentId }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("OPENAI_API_KEY"),
    });
    h.openai.failWith = { status: 401, message: "Incorrect API key provided", remaining: 1 };
    await expect(
      h.caller(h.users.admin).salesPitch.createTestCallSecret({ agentId: DEMO.agentId }),
    ).rejects.toMatchObject({ code: "BAD_GATEWAY", message: expect.stringContaining("Incorrect API key") });
  });
});
