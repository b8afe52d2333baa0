import {
  buildSessionUpdate,
  type RealtimeModel,
  type RealtimeSettings,
  realtimeSettingsSchema,
} from "@koe/shared";
import type { OperatorPath } from "@koe/twilio";
import type { BridgeContext } from "../context.ts";
import { OpenAITransport } from "../realtime/openai-transport.ts";
import { STREAM_TOKEN_TTL_MS } from "../twilio/stream-token.ts";
import { twilioAction } from "../twilio/twilio-actions.ts";
import type { CallIdentity } from "./call-identity.ts";
import { handOverToOperator } from "./operator-handoff.ts";
import { RealtimeCall } from "./realtime-call.ts";
import { alertRealtimeRefused } from "./refusal-alert.ts";

/** The rows a realtime call is configured from. */
export type CallSetup = {
  call: Omit<CallIdentity, "model">;
  agent: { name: string; realtimeSettings: unknown };
  /** The model the call was admitted with, when it differs from the agent's (over budget: the mini model). */
  model?: RealtimeModel;
  companyName: string;
  customerName: string | null;
  operator: OperatorPath;
};

/**
 * Creates a realtime call for this process, registers it and starts opening and configuring its
 * OpenAI session without waiting: the TwiML answer goes out meanwhile.
 */
export function startRealtimeCall(ctx: BridgeContext, setup: CallSetup): RealtimeCall {
  const stored = realtimeSettingsSchema.parse(setup.agent.realtimeSettings);
  const settings: RealtimeSettings = { ...stored, model: setup.model ?? stored.model };
  // What the call's callbacks use, apart: a closure over `setup` or `settings` would keep the
  // agent's whole row (every setting, phrase and template) for as long as the call lasts.
  const { call: identity, operator } = setup;
  const { model } = settings;
  const logger = ctx.logger.child({ callSid: identity.callSid });
  const call = new RealtimeCall({
    call: { ...identity, model },
    openTransport: () =>
      new OpenAITransport({
        url: ctx.env.OPENAI_REALTIME_URL,
        apiKey: ctx.env.OPENAI_API_KEY ?? "",
        model,
        logger,
        metrics: ctx.metrics,
      }),
    session: buildSessionUpdate(
      settings,
      {
        companyName: setup.companyName,
        agentName: setup.agent.name,
        customerName: setup.customerName,
        today: new Date().toLocaleDateString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "full" }),
      },
      ctx.tools.sessionTools(),
    ),
    tools: ctx.tools,
    journal: ctx.journal,
    metrics: ctx.metrics,
    logger,
    idleTimeoutMs: ctx.env.CALL_IDLE_TIMEOUT_MS,
    streamWaitMs: STREAM_TOKEN_TTL_MS,
    handOver: (reason) => handOverToOperator(ctx, identity, operator, reason, "fallback"),
    alertRefusal: (refusal) => alertRealtimeRefused(ctx, identity, refusal),
    hangUp: async () => {
      await twilioAction(ctx, identity, "hang_up", (rest) => rest.hangUp(identity.callSid)).catch(
        (error: unknown) => {
          logger.warn({ err: error }, "could not hang up through Twilio");
        },
      );
    },
    onEnded: () => {
      ctx.calls.remove(identity.callSid);
      ctx.metrics.activeCalls.set(ctx.calls.size);
    },
  });
  ctx.calls.add(call);
  ctx.metrics.activeCalls.set(ctx.calls.size);
  void call.prepare();
  return call;
}
