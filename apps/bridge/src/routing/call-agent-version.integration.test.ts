import { DEMO, recordAgentVersion } from "@koe/db";
import { API_PACING, parseTwiml } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { SHORT_CALL } from "../testing/short-call.ts";
import { adoptCall } from "../twilio/adopt-call.ts";

const PACE = 4;
/**
 * A turn's wait is in call time, which runs PACE times faster: on a loaded CI machine a reply once
 * took longer than the default 20 s (5 s here).
 */
const CALL = { pace: PACE, turnTimeoutMs: 120_000 };

describe("every call records the agent version it runs with", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ sim: { audioPace: PACE * API_PACING.pace, scenario: SHORT_CALL } });
  });
  afterAll(() => bridge.close());

  /** A save as the api makes it: the settings and their new version in one transaction. */
  const saveTemplates = (response: string) =>
    bridge.db.prisma.$transaction(async (tx) => {
      const agent = await tx.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } });
      const templates = (agent.keywordTemplates as { keyword: string; response: string }[]).map((t) =>
        t.keyword === "料金" ? { ...t, response } : t,
      );
      await tx.agent.update({ where: { id: DEMO.agentId }, data: { keywordTemplates: templates } });
      return recordAgentVersion(tx, { agentId: DEMO.agentId, note: "料金の案内を変更" });
    });

  const versionOf = async (callSid: string) => {
    const row = await bridge.db.prisma.callSession.findUniqueOrThrow({
      where: { callSid },
      select: { agentVersion: { select: { version: true } } },
    });
    return row.agentVersion?.version ?? null;
  };

  it("records the agent's current version on a simulated realtime call, and the new one after a save", async () => {
    const first = await bridge.call(SHORT_CALL, CALL);
    expect(first.error).toBeNull();
    expect(await versionOf(first.callSid)).toBe(1);

    const saved = await saveTemplates("料金は月額一万円からです。");
    expect(saved.version).toBe(2);
    const second = await bridge.call(SHORT_CALL, CALL);
    expect(second.error).toBeNull();
    expect(await versionOf(second.callSid)).toBe(2);
    const ended = await bridge.endedCall(second.callSid);
    expect(ended).toMatchObject({ status: "completed", agentVersionId: saved.id });
  }, 60_000);

  it("answers a live legacy call from its own version when a save lands mid-call", async () => {
    const callSid = `CA${"7".repeat(32)}`;
    bridge.ctx.env.ENABLE_REALTIME_API = false;
    const greeting = parseTwiml(
      await (
        await bridge.post("/api/twilio/voice", {
          CallSid: callSid,
          AccountSid: "AC1",
          From: "+819011112222",
          To: DEMO.phoneNumber,
        })
      ).text(),
    );
    bridge.ctx.env.ENABLE_REALTIME_API = true;
    expect(await versionOf(callSid)).toBe(2);

    await saveTemplates("料金は月額二万円からです。");
    const action = new URL(greeting.gatherAction ?? "");
    const turn = parseTwiml(
      await (
        await bridge.post(`${action.pathname}${action.search}`, {
          CallSid: callSid,
          AccountSid: "AC1",
          SpeechResult: "料金はいくらですか",
        })
      ).text(),
    );
    expect(turn.says).toEqual(["料金は月額一万円からです。"]);
    expect(await versionOf(callSid)).toBe(2);
  });

  it("opens an adopted realtime call with its own version's prompt, not one saved since", async () => {
    const agent = await bridge.db.prisma.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } });
    const callSid = `CA${"8".repeat(32)}`;
    await bridge.db.prisma.callSession.create({
      data: {
        callSid,
        companyId: DEMO.companyId,
        agentId: DEMO.agentId,
        agentVersionId: agent.currentVersionId,
        direction: "inbound",
        fromNumber: "+819011112222",
        toNumber: DEMO.phoneNumber,
        status: "ringing",
        engine: "realtime",
        engineReason: "rollout_bucket_included",
      },
    });
    await bridge.db.prisma.$transaction(async (tx) => {
      await tx.agent.update({
        where: { id: DEMO.agentId },
        data: {
          realtimeSettings: { ...(agent.realtimeSettings as object), instructions: "保存し直した指示です。" },
        },
      });
      await recordAgentVersion(tx, { agentId: DEMO.agentId });
    });

    const sessionsBefore = bridge.sim.sessions.length;
    const call = await adoptCall(bridge.ctx, callSid);
    expect(call).not.toBeNull();
    await vi.waitFor(() => expect(bridge.sim.sessions.length).toBe(sessionsBefore + 1), { timeout: 10_000 });
    const session = await bridge.sim.session(sessionsBefore);
    await vi.waitFor(() => expect(session.session.instructions).toContain("電話受付担当"), {
      timeout: 10_000,
    });
    expect(session.session.instructions).not.toContain("保存し直した指示です。");
    call?.end("caller_hung_up");
  });
});
