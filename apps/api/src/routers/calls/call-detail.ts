import { type Prisma, type PrismaClient, TOKEN_COUNT_SELECT, tokenCountsOf } from "@koe/db";
import { callEventPayloadSchemas } from "@koe/shared";
import { TRPCError } from "@trpc/server";
import { callEventSelect, toCallEventView } from "../../live/call-event-view.ts";
import { callAnalysisSelect, toCallAnalysisView } from "./call-analysis-view.ts";
import { callSummarySelect, isLive, toCallSummary } from "./call-summary.ts";

/**
 * Why a call has no recording: the company does not record calls, the call is still going, or it
 * ended and Twilio has not (yet) delivered one (it arrives some seconds after the call ends).
 */
export type MissingRecordingReason = "recording_off" | "in_progress" | "not_received";

const detailSelect = {
  ...callSummarySelect,
  engineReason: true,
  model: true,
  openaiSessionId: true,
  streamSid: true,
  handoffReason: true,
  recordingUrl: true,
  recordingDurationSeconds: true,
  ...TOKEN_COUNT_SELECT,
  referenceTranscript: true,
  ratedBy: { select: { id: true, name: true } },
  placedBy: { select: { id: true, name: true } },
  customer: { select: { id: true, name: true, phoneNumber: true } },
  agentVersion: { select: { version: true } },
  analysis: { select: callAnalysisSelect },
} satisfies Prisma.CallSessionSelect;

/**
 * Everything about one call of the company: the session, its whole event log, and what the
 * history page shows from it (transcript, latency per turn, tool calls with their results,
 * usage and cost, the recording, the post-call analysis). NOT_FOUND for a call of another company.
 */
export async function callDetail(prisma: PrismaClient, companyId: string, callId: string) {
  const call = await prisma.callSession.findFirst({ where: { id: callId, companyId }, select: detailSelect });
  if (!call) throw new TRPCError({ code: "NOT_FOUND", message: "No such call." });
  const [events, company] = await Promise.all([
    prisma.callEvent.findMany({
      where: { callSessionId: call.id },
      orderBy: { id: "asc" },
      select: callEventSelect,
    }),
    prisma.company.findUniqueOrThrow({ where: { id: companyId }, select: { recordingEnabled: true } }),
  ]);

  const transcript = [];
  const turns = [];
  const toolCalls = new Map<string, ToolCallView>();
  for (const event of events) {
    const at = event.occurredAt.toISOString();
    if (event.type === "transcript") {
      const line = callEventPayloadSchemas.transcript.safeParse(event.payload);
      if (line.success) transcript.push({ at, ...line.data });
    } else if (event.type === "turn_latency") {
      const turn = callEventPayloadSchemas.turn_latency.safeParse(event.payload);
      if (turn.success) turns.push({ at, ...turn.data });
    } else if (event.type === "tool_call") {
      const request = callEventPayloadSchemas.tool_call.safeParse(event.payload);
      if (request.success) {
        toolCalls.set(request.data.callId, { ...request.data, at, result: null });
      }
    } else if (event.type === "tool_result") {
      const result = callEventPayloadSchemas.tool_result.safeParse(event.payload);
      const request = result.success ? toolCalls.get(result.data.callId) : undefined;
      if (result.success && request) {
        const { ok, output, durationMs } = result.data;
        request.result = { ok, output, durationMs };
      }
    }
  }

  const {
    ratedBy,
    placedBy,
    customer,
    referenceTranscript,
    handoffReason,
    recordingUrl,
    recordingDurationSeconds,
  } = call;
  return {
    call: {
      ...toCallSummary(call),
      engineReason: call.engineReason,
      model: call.model,
      openaiSessionId: call.openaiSessionId,
      streamSid: call.streamSid,
      handoffReason,
      customer,
      ratedBy,
      placedBy,
      referenceTranscript,
      /** The agent version the call ran with; null for calls from before versions existed. */
      agentVersion: call.agentVersion?.version ?? null,
    },
    /** The post-call analysis: null while the call goes on (or for a call before analyses existed). */
    analysis: call.analysis ? toCallAnalysisView(call.analysis) : null,
    recording: recordingUrl
      ? { available: true as const, url: recordingUrl, durationSeconds: recordingDurationSeconds }
      : { available: false as const, reason: missingRecordingReason(call.status, company.recordingEnabled) },
    usage: { ...tokenCountsOf(call), costUsd: call.costUsd.toNumber() },
    transcript,
    turns,
    toolCalls: [...toolCalls.values()],
    events: events.map(toCallEventView),
  };
}

function missingRecordingReason(
  status: Parameters<typeof isLive>[0],
  recordingEnabled: boolean,
): MissingRecordingReason {
  if (!recordingEnabled) return "recording_off";
  return isLive(status) ? "in_progress" : "not_received";
}

type ToolCallView = {
  callId: string;
  name: string;
  arguments: unknown;
  at: string;
  result: { ok: boolean; output: unknown; durationMs: number } | null;
};
