import { randomBytes } from "node:crypto";
import type { EvalCallMetrics, ExpectationResult } from "@koe/shared";
import { type CallResult, placeCall } from "@koe/sim";
import type { CallerAudioCache } from "../caller-audio/caller-audio.ts";
import { checkExpectations } from "../expectations/check-expectations.ts";
import { latencySummary } from "../expectations/percentile.ts";
import { endedCall, observeCall } from "./observe-call.ts";
import type { EvalRunDeps } from "./play-run.ts";
import { callerScript, type RunScenario, simulatorScenario } from "./run-scenario.ts";

/** A promise-chained lock: one holder at a time, in order of asking. */
export class Lock {
  private tail: Promise<void> = Promise.resolve();
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release = () => {};
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function newCallSid(): string {
  return `CA${randomBytes(16).toString("hex")}`;
}

export type CallOutcome = {
  callSessionId: string | null;
  results: ExpectationResult[];
  metrics: EvalCallMetrics;
  error: string | null;
};

/** One test call: placed as Twilio would, then judged from what the bridge recorded. */
export async function playCall(
  deps: EvalRunDeps,
  call: {
    scenario: RunScenario;
    calledNumber: string;
    runId: string;
    audio: CallerAudioCache;
    simulatorLock: Lock;
  },
): Promise<CallOutcome> {
  const { scenario } = call;
  const callSid = newCallSid();
  let result: CallResult | null = null;
  let error: string | null = null;
  try {
    const callerAudio = await call.audio.for(scenario);
    const place = () =>
      placeCall({
        bridgeUrl: deps.bridgeUrl,
        publicBaseUrl: deps.publicBaseUrl,
        authToken: deps.authToken,
        scenario: simulatorScenario(scenario),
        to: call.calledNumber,
        callSid,
        voiceQuery: { evalRunId: call.runId },
        pace: deps.pace ?? 1,
        ...(deps.twilioRestUrl ? { twilioRestUrl: deps.twilioRestUrl } : {}),
        ...(callerAudio ? { callerAudio } : {}),
      });
    const { simulator } = deps;
    // Wrapped, so that the lock is released once the session is taken, not when the call ends.
    const placed = simulator
      ? await call.simulatorLock.hold(async () => {
          // The session this call's webhook opens takes this scenario; a call refused before any
          // session opens (all lines busy) withdraws it.
          const withdraw = new AbortController();
          const taken = simulator.queueScenario(simulatorScenario(scenario), withdraw.signal);
          const calling = place();
          await Promise.race([
            taken,
            calling.then(
              () => undefined,
              () => undefined,
            ),
          ]).catch(() => undefined);
          withdraw.abort(new Error("the call opened no session"));
          taken.catch(() => undefined);
          return { calling };
        })
      : { calling: place() };
    result = await placed.calling;
    if (result.error) error = `通話が途中で終わりました: ${result.error}`;
  } catch (cause) {
    error = `通話を開始できませんでした: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  const row = await endedCall(deps.prisma, callSid, deps.signal);
  // A test call's handoff reaches no Twilio (the bridge's twilio-actions.ts): the bridge ends the
  // stream where Twilio would have moved the call, so the line the caller still waits for (Twilio's,
  // before it dials) never comes. That is how such a call ends, not a failure.
  if (row?.endReason === "handed_off" && result?.error) error = null;
  if (!row) {
    error ??= "回線がすべて使用中のため、通話が受け付けられませんでした";
    const observed = {
      toolCalls: [],
      toolErrors: [],
      handoffRequested: false,
      handedOff: false,
      appointmentsCreated: 0,
      status: "refused",
      endReason: null,
      turnLatenciesMs: [],
      callerCer: null,
      costUsd: null,
      error,
    };
    return {
      callSessionId: null,
      results: checkExpectations(scenario.expectations, observed),
      metrics: metricsOf(observed, null),
      error,
    };
  }
  const script = callerScript(scenario);
  const observed = await observeCall(deps.prisma, row.id, script, error);
  // A test call's bookings leave the company's calendar (the next call of the scenario takes the
  // same slot); its reference transcript gives the call detail page its CER.
  await deps.prisma.appointment.updateMany({
    where: { callSessionId: row.id, status: "booked" },
    data: { status: "canceled" },
  });
  await deps.prisma.callSession.update({ where: { id: row.id }, data: { referenceTranscript: script } });
  return {
    callSessionId: row.id,
    results: checkExpectations(scenario.expectations, observed),
    metrics: metricsOf(observed, result),
    error,
  };
}

function metricsOf(
  observed: Awaited<ReturnType<typeof observeCall>>,
  result: CallResult | null,
): EvalCallMetrics {
  const firstAudio = result?.received.find((r) => r.event === "media")?.atMs ?? null;
  return {
    turnLatenciesMs: observed.turnLatenciesMs,
    turnLatencyMs: latencySummary(observed.turnLatenciesMs),
    timeToFirstAudioMs: firstAudio === null ? null : Math.round(firstAudio),
    callerCer: observed.callerCer,
    costUsd: observed.costUsd,
    toolCalls: observed.toolCalls,
    turns: result?.turns.length ?? 0,
    handedOff: observed.handedOff,
    appointments: observed.appointmentsCreated,
    durationMs: result?.heard.at(-1)?.endMs ?? null,
  };
}
