import type { Prisma, PrismaClient } from "@koe/db";
import type { ExpectationResult } from "@koe/shared";
import type { Scenario } from "@koe/sim";
import { CallerAudioCache, type CallerVoice } from "../caller-audio/caller-audio.ts";
import { RUN_HEARTBEAT_MS, THIS_RUNNER } from "./interrupted-runs.ts";
import { Lock, playCall } from "./play-call.ts";
import { booksAppointments, type RunScenario, runScenariosSchema } from "./run-scenario.ts";
import { summarizeRun } from "./summarize-run.ts";

/** Where and how a run's calls are played: as Twilio would, into the bridge. */
export type EvalRunDeps = {
  prisma: PrismaClient;
  /** Where the bridge listens (its webhooks and media streams). */
  bridgeUrl: string;
  /** PUBLIC_BASE_URL: the origin Twilio signs requests for. */
  publicBaseUrl: string;
  /** TWILIO_AUTH_TOKEN: the webhooks are signed with it, as Twilio signs them. */
  authToken: string;
  /** The fake Twilio REST API, when the bridge uses one: its call updates (a handoff) reach the caller. */
  twilioRestUrl?: string;
  /**
   * The GA simulator, when the bridge talks to it instead of OpenAI: each call's scenario is
   * queued for the session its webhook opens, so its agent side follows the scenario's script.
   */
  simulator?: { queueScenario(scenario: Scenario, signal?: AbortSignal): Promise<void> } | null;
  callerVoice: CallerVoice;
  /** Call speed relative to real time (default 1, as Twilio). */
  pace?: number;
  /** Stops starting new calls (calls under way finish); the run stays running until marked interrupted. */
  signal?: AbortSignal;
  onProgress?(progress: EvalProgress): void;
};

export type EvalProgress = {
  done: number;
  planned: number;
  passed: number;
  failed: number;
  /** The call just finished. */
  call: { index: number; scenario: string; passed: boolean; failures: ExpectationResult[] };
};

/**
 * Plays a started run: `callsPlanned` test calls over the scenarios in turn, at most `concurrency`
 * at once, each through the bridge's signed voice webhook and media stream like a real call (so
 * each takes one of the company's lines). Each finished call is stored with its verdicts and
 * figures and counted on the run at once; a heartbeat shows the run is being played. At the end the
 * run is completed with its summary. Returns the run's id.
 */
export async function playEvalRun(deps: EvalRunDeps, runId: string): Promise<{ passed: boolean }> {
  const { prisma } = deps;
  const run = await prisma.evalRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      companyId: true,
      callsPlanned: true,
      concurrency: true,
      scenarios: true,
      startedAt: true,
      agent: { select: { phoneNumbers: { select: { e164: true }, take: 1 } } },
    },
  });
  const scenarios = runScenariosSchema.parse(run.scenarios);
  const calledNumber = run.agent.phoneNumbers[0]?.e164 ?? "+815000000000";
  const audio = new CallerAudioCache(deps.callerVoice);
  const simulatorLock = new Lock();
  const started = performance.now();
  const pending = Array.from({ length: run.callsPlanned }, (_, index) => ({
    index,
    scenario: scenarios[index % scenarios.length] as RunScenario,
  }));
  // Two calls of a scenario that books would take the same slot: such a scenario is never played
  // twice at once, and a line waits for it only when no other scenario's call is left to play.
  const booking = new Set<string>();
  const wakeUps: Array<() => void> = [];
  let done = 0;
  let passed = 0;

  const heartbeat = setInterval(() => {
    void prisma.evalRun
      .updateMany({
        where: { id: runId, status: "running" },
        data: { heartbeatAt: new Date(), runner: THIS_RUNNER },
      })
      .catch(() => undefined);
  }, RUN_HEARTBEAT_MS);
  heartbeat.unref();

  const playOne = async (index: number, scenario: RunScenario) => {
    const outcome = await playCall(deps, { scenario, calledNumber, runId, audio, simulatorLock });
    const allPassed = outcome.results.every((r) => r.passed) && outcome.error === null;
    await prisma.$transaction([
      prisma.evalCall.create({
        data: {
          companyId: run.companyId,
          runId,
          index,
          scenarioId: scenario.id,
          scenarioName: scenario.name,
          callSessionId: outcome.callSessionId,
          passed: allPassed,
          results: outcome.results as unknown as Prisma.InputJsonValue,
          metrics: outcome.metrics as unknown as Prisma.InputJsonValue,
          error: outcome.error,
        },
      }),
      prisma.evalRun.update({
        where: { id: runId },
        data: {
          callsDone: { increment: 1 },
          callsPassed: { increment: allPassed ? 1 : 0 },
          heartbeatAt: new Date(),
        },
      }),
    ]);
    done++;
    if (allPassed) passed++;
    deps.onProgress?.({
      done,
      planned: run.callsPlanned,
      passed,
      failed: done - passed,
      call: {
        index,
        scenario: scenario.name,
        passed: allPassed,
        failures: outcome.results.filter((r) => !r.passed),
      },
    });
  };

  const nextCall = async () => {
    for (;;) {
      if (deps.signal?.aborted || pending.length === 0) return null;
      const free = pending.findIndex((p) => !booking.has(p.scenario.id));
      if (free >= 0) {
        const [call] = pending.splice(free, 1);
        if (call && booksAppointments(call.scenario)) booking.add(call.scenario.id);
        return call ?? null;
      }
      await new Promise<void>((resolve) => wakeUps.push(resolve));
    }
  };
  const worker = async () => {
    for (let call = await nextCall(); call; call = await nextCall()) {
      try {
        await playOne(call.index, call.scenario);
      } finally {
        booking.delete(call.scenario.id);
        for (const wake of wakeUps.splice(0)) wake();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(run.concurrency, run.callsPlanned) }, worker));
  } finally {
    clearInterval(heartbeat);
  }
  if (deps.signal?.aborted) return { passed: false };
  const calls = await prisma.evalCall.findMany({
    where: { runId },
    select: { scenarioName: true, passed: true, results: true, metrics: true },
  });
  const summary = summarizeRun(calls, Math.round(performance.now() - started));
  await prisma.evalRun.updateMany({
    where: { id: runId, status: "running" },
    data: {
      status: "completed",
      finishedAt: new Date(),
      summary: summary as unknown as Prisma.InputJsonValue,
    },
  });
  return { passed: summary.failed === 0 && summary.calls === run.callsPlanned };
}
