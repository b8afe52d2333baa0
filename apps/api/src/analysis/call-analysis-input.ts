import type { PrismaClient } from "@koe/db";
import { type AnalysisCallFacts, type AnalysisTranscriptItem, callEventPayloadSchemas } from "@koe/shared";

/** What the analysis of one call reads: the call's facts and its lines, tool calls and handoffs in order. */
export type CallAnalysisInput = {
  call: { id: string; companyId: string };
  analysisModel: string;
  facts: AnalysisCallFacts;
  items: AnalysisTranscriptItem[];
};

export async function loadCallAnalysisInput(
  prisma: PrismaClient,
  callSessionId: string,
): Promise<CallAnalysisInput | null> {
  const call = await prisma.callSession.findUnique({
    where: { id: callSessionId },
    select: {
      id: true,
      companyId: true,
      engine: true,
      direction: true,
      endReason: true,
      durationSeconds: true,
      company: { select: { analysisModel: true } },
    },
  });
  if (!call) return null;
  const events = await prisma.callEvent.findMany({
    where: { callSessionId, type: { in: ["transcript", "tool_call", "tool_result", "handoff"] } },
    orderBy: { id: "asc" },
    select: { type: true, payload: true },
  });
  const items: AnalysisTranscriptItem[] = [];
  const tools = new Map<string, Extract<AnalysisTranscriptItem, { kind: "tool" }>>();
  for (const event of events) {
    if (event.type === "transcript") {
      const line = callEventPayloadSchemas.transcript.safeParse(event.payload);
      if (line.success && line.data.text.trim()) {
        items.push({ kind: "line", role: line.data.role, text: line.data.text });
      }
    } else if (event.type === "tool_call") {
      const request = callEventPayloadSchemas.tool_call.safeParse(event.payload);
      if (request.success) {
        const item = {
          kind: "tool" as const,
          name: request.data.name,
          arguments: request.data.arguments,
          ok: null,
        };
        tools.set(request.data.callId, item);
        items.push(item);
      }
    } else if (event.type === "tool_result") {
      const result = callEventPayloadSchemas.tool_result.safeParse(event.payload);
      const item = result.success ? tools.get(result.data.callId) : undefined;
      if (result.success && item) item.ok = result.data.ok;
    } else if (event.type === "handoff") {
      const handoff = callEventPayloadSchemas.handoff.safeParse(event.payload);
      if (handoff.success) items.push({ kind: "handoff", reason: handoff.data.reason, by: handoff.data.by });
    }
  }
  return {
    call: { id: call.id, companyId: call.companyId },
    analysisModel: call.company.analysisModel,
    facts: {
      engine: call.engine,
      direction: call.direction,
      endReason: call.endReason,
      durationSeconds: call.durationSeconds,
    },
    items,
  };
}
