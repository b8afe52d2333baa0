import { setTimeout as sleep } from "node:timers/promises";
import { LIVE_CALL_STATUSES, type PrismaClient } from "@koe/db";
import { callEventPayloadSchemas, characterErrors, type EvalToolCall } from "@koe/shared";
import type { ObservedCall } from "../expectations/observed-call.ts";

/** How long a call may take to be ended and journaled after the caller hung up. */
const ENDED_WAIT_MS = 30_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The call's row once it has ended and its `ended` event is journaled; null when there is none. */
export async function endedCall(prisma: PrismaClient, callSid: string, signal?: AbortSignal) {
  const deadline = Date.now() + ENDED_WAIT_MS;
  for (;;) {
    const row = await prisma.callSession.findUnique({
      where: { callSid },
      select: { id: true, status: true, endReason: true },
    });
    if (!row) return null;
    if (!(LIVE_CALL_STATUSES as readonly string[]).includes(row.status)) {
      const ended = await prisma.callEvent.findFirst({
        where: { callSessionId: row.id, type: "status", payload: { path: ["status"], equals: "ended" } },
        select: { id: true },
      });
      if (ended) return row;
    }
    if (Date.now() > deadline) return row;
    await sleep(100, undefined, { signal });
  }
}

/**
 * What one ended test call showed, from the bridge's own record: tool calls and their errors, the
 * handoff, appointments, turn latencies, cost, and the caller's transcription against the script.
 */
export async function observeCall(
  prisma: PrismaClient,
  callSessionId: string,
  script: string,
  error: string | null,
): Promise<ObservedCall> {
  const [row, events, appointments] = await Promise.all([
    prisma.callSession.findUniqueOrThrow({
      where: { id: callSessionId },
      select: { status: true, endReason: true, handoffAt: true, costUsd: true, engine: true },
    }),
    prisma.callEvent.findMany({
      where: {
        callSessionId,
        type: { in: ["tool_call", "tool_result", "handoff", "turn_latency", "transcript"] },
      },
      orderBy: { id: "asc" },
      select: { type: true, payload: true },
    }),
    prisma.appointment.count({ where: { callSessionId } }),
  ]);
  const toolCalls: EvalToolCall[] = [];
  const results = new Map<string, boolean>();
  const toolErrors: ObservedCall["toolErrors"] = [];
  const turnLatenciesMs: number[] = [];
  const heard: string[] = [];
  let handoffRequested = false;
  const calls: { callId: string; call: EvalToolCall }[] = [];
  for (const event of events) {
    if (event.type === "tool_call") {
      const parsed = callEventPayloadSchemas.tool_call.safeParse(event.payload);
      if (!parsed.success) continue;
      const call = {
        name: parsed.data.name,
        arguments: isRecord(parsed.data.arguments) ? parsed.data.arguments : null,
        ok: null,
      };
      calls.push({ callId: parsed.data.callId, call });
      toolCalls.push(call);
      if (call.name === "request_operator_handoff") handoffRequested = true;
    } else if (event.type === "tool_result") {
      const parsed = callEventPayloadSchemas.tool_result.safeParse(event.payload);
      if (!parsed.success) continue;
      results.set(parsed.data.callId, parsed.data.ok);
      const output = parsed.data.output;
      if (!parsed.data.ok || (isRecord(output) && typeof output.error === "string")) {
        const message =
          isRecord(output) && typeof output.error === "string" ? output.error : JSON.stringify(output);
        toolErrors.push({ name: parsed.data.name, message });
      }
    } else if (event.type === "handoff") {
      const parsed = callEventPayloadSchemas.handoff.safeParse(event.payload);
      if (parsed.success && parsed.data.by === "ai") handoffRequested = true;
    } else if (event.type === "turn_latency") {
      const parsed = callEventPayloadSchemas.turn_latency.safeParse(event.payload);
      if (parsed.success) turnLatenciesMs.push(parsed.data.latencyMs);
    } else {
      const parsed = callEventPayloadSchemas.transcript.safeParse(event.payload);
      if (parsed.success && parsed.data.role === "caller") heard.push(parsed.data.text);
    }
  }
  for (const { callId, call } of calls) call.ok = results.get(callId) ?? null;
  const { edits, length } = characterErrors(script, heard.join(""));
  return {
    toolCalls,
    toolErrors,
    handoffRequested,
    handedOff: row.handoffAt !== null || row.endReason === "handed_off",
    appointmentsCreated: appointments,
    status: row.status,
    endReason: row.endReason,
    turnLatenciesMs,
    callerCer: heard.length > 0 && length > 0 ? edits / length : null,
    costUsd: row.engine === "realtime" ? Number(row.costUsd) : null,
    error,
  };
}
