import { type RealtimeSettings, realtimeSettingsSchema } from "@koe/shared";
import type { BridgeContext } from "../context.ts";
import { OpenAITransport } from "../realtime/openai-transport.ts";
import { buildSessionUpdate } from "../realtime/session-update.ts";
import { type CallIdentity, RealtimeCall } from "./realtime-call.ts";

/** The rows a realtime call is configured from. */
export type CallSetup = {
  call: Omit<CallIdentity, "model">;
  agent: { name: string; realtimeSettings: unknown };
  companyName: string;
  customerName: string | null;
};

/**
 * Creates a realtime call for this process, registers it and starts opening and configuring its
 * OpenAI session without waiting: the TwiML answer goes out meanwhile.
 */
export function startRealtimeCall(ctx: BridgeContext, setup: CallSetup): RealtimeCall {
  const settings: RealtimeSettings = realtimeSettingsSchema.parse(setup.agent.realtimeSettings);
  const logger = ctx.logger.child({ callSid: setup.call.callSid });
  const call = new RealtimeCall({
    call: { ...setup.call, model: settings.model },
    openTransport: () =>
      new OpenAITransport({
        url: ctx.env.OPENAI_REALTIME_URL,
        apiKey: ctx.env.OPENAI_API_KEY ?? "",
        model: settings.model,
        logger,
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
    onEnded: () => {
      ctx.calls.remove(setup.call.callSid);
      ctx.metrics.activeCalls.set(ctx.calls.size);
    },
  });
  ctx.calls.add(call);
  ctx.metrics.activeCalls.set(ctx.calls.size);
  call.prepare().catch((error: unknown) => {
    logger.error({ err: error }, "could not open the OpenAI session");
    ctx.metrics.errors.inc({ source: "openai" });
    ctx.journal.event(setup.call, "error", {
      source: "openai",
      code: "connect_failed",
      message: error instanceof Error ? error.message : String(error),
    });
    call.end("realtime_unavailable");
  });
  return call;
}
