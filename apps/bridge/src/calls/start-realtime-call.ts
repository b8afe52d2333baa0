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
  const logger = ctx.logger.child({ callSid: setup.call.callSid });
  const call = new RealtimeCall({
    call: { ...setup.call, model: settings.model },
    openTransport: () =>
      new OpenAITransport({
        url: ctx.env.OPENAI_REALTIME_URL,
        apiKey: ctx.env.OPENAI_API_KEY ?? "",
        model: settings.model,
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
    handOver: (reason) => handOverToOperator(ctx, setup.call, setup.operator, reason, "fallback"),
    alertRefusal: (refusal) => alertRealtimeRefused(ctx, setup.call, refusal),
    hangUp: async () => {
      await twilioAction(ctx, setup.call, "hang_up", (rest) => rest.hangUp(setup.call.callSid)).catch(
        (error: unknown) => {
          logger.warn({ err: error }, "could not hang up through Twilio");
        },
      );
    },
    onEnded: () => {
      ctx.calls.remove(setup.call.callSid);
      ctx.metrics.activeCalls.set(ctx.calls.size);
    },
  });
  ctx.calls.add(call);
  ctx.metrics.activeCalls.set(ctx.calls.size);
  void call.prepare();
  return call;
}
