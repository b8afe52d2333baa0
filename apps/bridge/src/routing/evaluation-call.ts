import type { BridgeContext } from "../context.ts";

/** The agent version an evaluation run's test call plays, with the settings it runs with. */
export type EvaluationCall = {
  runId: string;
  agentId: string;
  agentVersionId: string;
  realtimeSettings: unknown;
  conversationSettings: unknown;
  keywordTemplates: unknown;
};

/**
 * A voice webhook carrying `evalRunId` (its URL signed like every webhook, so only a holder of
 * the Twilio auth token can ask) is a test call of that run: it runs with the run's agent version
 * and is marked as a test. Null when no such run is still playing: the call is then refused.
 */
export async function findEvaluationCall(ctx: BridgeContext, runId: string): Promise<EvaluationCall | null> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) return null;
  const run = await ctx.prisma.evalRun.findFirst({
    where: { id: runId, status: "running" },
    select: {
      agentId: true,
      agentVersion: {
        select: { id: true, realtimeSettings: true, conversationSettings: true, keywordTemplates: true },
      },
    },
  });
  if (!run) return null;
  const { id, ...settings } = run.agentVersion;
  return { runId, agentId: run.agentId, agentVersionId: id, ...settings };
}
