import type { PrismaClient } from "@koe/db";
import { type CallerVoice, type EvalRunDeps, playEvalRun } from "@koe/evals";
import type OpenAI from "openai";
import type { Logger } from "../logger.ts";

/** Where this api process plays evaluation runs: as Twilio would, into a bridge. */
export type EvalRunnerConfig = {
  /** Where the bridge is reached (PUBLIC_BASE_URL unless EVAL_BRIDGE_URL names an inner address). */
  bridgeUrl: string;
  publicBaseUrl: string;
  authToken: string;
  /** The local GA simulator's control address (EVAL_SIMULATOR_URL), when the bridge talks to it. */
  simulatorUrl: string | null;
  /** The local fake Twilio REST API (EVAL_FAKE_TWILIO_URL), whose call updates reach test calls. */
  fakeTwilioUrl: string | null;
};

export type EvalRunner = {
  /** Plays a started run in the background; its progress is in the database. */
  play(runId: string): void;
  /** Stops starting calls (the runs are marked interrupted at the next start-up). */
  close(): void;
};

/** The simulator's `POST /scenario-queue`: answers once the session of the call placed next took it. */
function simulatorQueue(url: string): NonNullable<EvalRunDeps["simulator"]> {
  return {
    async queueScenario(scenario, signal) {
      const response = await fetch(new URL("/scenario-queue", url), {
        method: "POST",
        body: JSON.stringify({ scenario }),
        ...(signal ? { signal } : {}),
      });
      if (!response.ok) throw new Error(`the simulator answered ${response.status}`);
    },
  };
}

export function createEvalRunner(
  config: EvalRunnerConfig,
  deps: { prisma: PrismaClient; logger: Logger; openai: OpenAI | null },
): EvalRunner {
  const stop = new AbortController();
  // Against OpenAI the caller's lines must be real speech; the simulator hears the script anyway.
  const callerVoice: CallerVoice =
    !config.simulatorUrl && deps.openai ? { kind: "speech", openai: deps.openai } : { kind: "synthetic" };
  return {
    play(runId) {
      const logger = deps.logger.child({ evalRunId: runId });
      playEvalRun(
        {
          prisma: deps.prisma,
          bridgeUrl: config.bridgeUrl,
          publicBaseUrl: config.publicBaseUrl,
          authToken: config.authToken,
          ...(config.fakeTwilioUrl ? { twilioRestUrl: config.fakeTwilioUrl } : {}),
          simulator: config.simulatorUrl ? simulatorQueue(config.simulatorUrl) : null,
          callerVoice,
          signal: stop.signal,
        },
        runId,
      ).then(
        (outcome) => logger.info({ passed: outcome.passed }, "evaluation run finished"),
        (error: unknown) => logger.error({ err: error }, "evaluation run failed"),
      );
    },
    close() {
      stop.abort();
    },
  };
}
