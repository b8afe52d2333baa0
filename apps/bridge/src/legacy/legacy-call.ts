import type { EngineReason } from "@koe/db";
import { conversationSettingsSchema, keywordTemplatesSchema, type TwilioGatherParams } from "@koe/shared";
import { appendOperatorPath, type OperatorPath } from "@koe/twilio";
import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { z } from "zod";
import type { BridgeContext } from "../context.ts";
import { publicBase } from "../http/public-base.ts";
import { type LegacyAgent, type LegacyReply, nextReply } from "./conversation-engine.ts";
import { legacyTwiml } from "./legacy-twiml.ts";

export const LEGACY_GATHER_PATH = "/api/twilio/legacy/gather";

type CallRef = { id: string; companyId: string };
type StoredAgent = { conversationSettings: unknown; keywordTemplates: unknown };

/** The call's state between turns, carried in the Gather action URL (signed by Twilio with it). */
const turnQuerySchema = z.object({
  turn: z.coerce.number().int().min(1).max(10_000),
  misses: z.coerce.number().int().min(0).max(100),
});

/** The agent's legacy settings and templates, or null when what is stored does not validate. */
export function parseLegacyAgent(agent: StoredAgent): LegacyAgent | null {
  const settings = conversationSettingsSchema.safeParse(agent.conversationSettings);
  const templates = keywordTemplatesSchema.safeParse(agent.keywordTemplates);
  return settings.success && templates.success
    ? { settings: settings.data, templates: templates.data }
    : null;
}

function listenTarget(ctx: BridgeContext, agent: LegacyAgent, turn: number, misses: number) {
  const action = new URL(LEGACY_GATHER_PATH, publicBase(ctx));
  action.search = new URLSearchParams({ turn: String(turn), misses: String(misses) }).toString();
  return {
    action: action.toString(),
    hints: agent.templates.flatMap((t) => [t.keyword, ...t.synonyms]),
  };
}

/**
 * Answers a new legacy call: the agent's greeting inside the first speech <Gather>. An agent
 * whose legacy settings do not validate cannot hold a conversation: the caller goes to an operator.
 */
export function greetLegacyCall(
  ctx: BridgeContext,
  call: CallRef,
  stored: StoredAgent,
  operator: OperatorPath,
  reason: EngineReason,
  /** TwiML to continue (e.g. one that starts recording first). */
  response?: VoiceResponse,
): string {
  ctx.journal.updateCall(call.id, { status: "active", answeredAt: new Date() });
  ctx.journal.event(call, "status", { status: "active", detail: `legacy engine (${reason})` });
  const agent = parseLegacyAgent(stored);
  if (!agent) return invalidAgent(ctx, call, operator, response);
  const greeting: LegacyReply = { next: "listen", say: agent.settings.greeting, misses: 0 };
  ctx.journal.event(call, "transcript", { role: "agent", text: greeting.say, itemId: "0", truncated: false });
  return legacyTwiml(greeting, listenTarget(ctx, agent, 1, 0), operator, response);
}

export type LegacyTurnAnswer = { status: 200; twiml: string } | { status: 400 | 404 | 409; error: string };

/**
 * One turn of a legacy call (Twilio posts the Gather's speech result): the engine's reply as
 * TwiML, the caller's and the agent's lines and the turn's latency in the call's event log. The
 * engine is the one stored on the call: flipping the flag or the rollout never moves a live call.
 */
export async function answerLegacyTurn(
  ctx: BridgeContext,
  params: TwilioGatherParams,
  query: URLSearchParams,
): Promise<LegacyTurnAnswer> {
  const received = performance.now();
  const state = turnQuerySchema.safeParse(Object.fromEntries(query));
  if (!state.success) return { status: 400, error: z.prettifyError(state.error) };
  const row = await ctx.prisma.callSession.findUnique({
    where: { callSid: params.CallSid },
    select: {
      id: true,
      companyId: true,
      engine: true,
      agent: { select: { conversationSettings: true, keywordTemplates: true } },
      agentVersion: { select: { conversationSettings: true, keywordTemplates: true } },
      company: { select: { operatorPhoneNumber: true, operatorConferenceName: true } },
    },
  });
  if (!row) return { status: 404, error: `no call ${params.CallSid}` };
  if (row.engine !== "legacy")
    return { status: 409, error: `call ${params.CallSid} is on the ${row.engine} engine` };

  const call = { id: row.id, companyId: row.companyId };
  const operator = {
    phoneNumber: row.company.operatorPhoneNumber,
    conferenceName: row.company.operatorConferenceName,
  };
  // The version the call started with: a save during the call changes the next calls, not this one.
  const stored = row.agentVersion ?? row.agent;
  const agent = stored ? parseLegacyAgent(stored) : null;
  if (!agent) return { status: 200, twiml: invalidAgent(ctx, call, operator) };

  const { turn, misses } = state.data;
  const utterance = params.SpeechResult.trim();
  const reply = nextReply(agent, misses, utterance);
  const twiml = legacyTwiml(
    reply,
    listenTarget(ctx, agent, turn + 1, reply.next === "listen" ? reply.misses : 0),
    operator,
  );
  record(ctx, call, turn, utterance, reply, operator);
  if (reply.next === "end") await endByAgent(ctx, call);
  // Only the bridge's share of the turn: Twilio's recognition and speech synthesis happen outside
  // it (a realtime turn, by contrast, includes the model's time until its first audio).
  ctx.journal.event(call, "turn_latency", {
    turn,
    latencyMs: Math.round((performance.now() - received) * 10) / 10,
  });
  return { status: 200, twiml };
}

function record(
  ctx: BridgeContext,
  call: CallRef,
  turn: number,
  utterance: string,
  reply: LegacyReply,
  operator: OperatorPath,
): void {
  const itemId = String(turn);
  if (utterance)
    ctx.journal.event(call, "transcript", { role: "caller", text: utterance, itemId, truncated: false });
  for (const text of typeof reply.say === "string" ? [reply.say] : reply.say)
    ctx.journal.event(call, "transcript", { role: "agent", text, itemId, truncated: false });
  if (reply.next === "transfer") {
    const target = operator.conferenceName ?? operator.phoneNumber;
    ctx.journal.event(call, "handoff", { reason: reply.reason, by: reply.by, target, ok: target !== null });
    ctx.journal.updateCall(call.id, {
      handoffAt: new Date(),
      handoffReason: reply.reason,
      handoffBy: reply.by,
    });
  }
}

/**
 * The agent ended the call. The row is made final before the TwiML is answered, so Twilio's
 * completed callback, which follows the hang-up, finds it final and records nothing twice.
 */
async function endByAgent(ctx: BridgeContext, call: CallRef): Promise<void> {
  const data = { status: "completed", endReason: "agent_ended", endedAt: new Date() } as const;
  // Queued too: a change to the row still in the journal (the call's "active", when the call was
  // shorter than a flush interval) would otherwise be written after this one and undo it.
  ctx.journal.updateCall(call.id, data);
  try {
    await ctx.prisma.callSession.update({ where: { id: call.id }, data });
  } catch (error) {
    // The database is briefly unreachable: the journal retries; nothing is lost.
    ctx.logger.warn({ err: error, callSessionId: call.id }, "could not finalize the call now; queued");
  }
  ctx.journal.event(call, "status", { status: "ended", detail: "agent_ended" });
}

function invalidAgent(
  ctx: BridgeContext,
  call: CallRef,
  operator: OperatorPath,
  response = new VoiceResponse(),
): string {
  ctx.logger.error({ callSessionId: call.id }, "the agent's legacy settings do not validate");
  ctx.journal.event(call, "error", {
    source: "bridge",
    code: "invalid_legacy_settings",
    message: "the agent's conversation settings or keyword templates do not validate",
  });
  return appendOperatorPath(response, operator).toString();
}
