import { FakeTwilioRest, RealtimeSimulator } from "@koe/sim";
import OpenAI from "openai";
import type { CallerVoice } from "../caller-audio/caller-audio.ts";
import type { EvalRunDeps } from "../runs/play-run.ts";
import { type BridgeProcess, startBridgeProcess } from "./bridge-process.ts";

/** The Twilio auth token of a local stack: the runner signs with it, the bridge checks it. */
const LOCAL_AUTH_TOKEN = "koe-eval-local-token";

export type EvalStack = {
  bridge: BridgeProcess;
  /** Null when the bridge talks to the real Realtime API (OPENAI_API_KEY). */
  simulator: RealtimeSimulator | null;
  twilioRest: FakeTwilioRest;
  /** What `playEvalRun` needs to play calls into this stack, less the database. */
  deps: Omit<EvalRunDeps, "prisma">;
  close(): Promise<void>;
};

/**
 * Everything a run needs besides the database, on this machine: the bridge as its own process,
 * the GA simulator in place of OpenAI (unless `openaiApiKey` is given: then the real Realtime API
 * with the caller's lines synthesized by OpenAI's speech API, or recorded WAVs) and a fake of
 * Twilio's REST API (a handoff redirects the call there, as Twilio would).
 */
export async function startEvalStack(options: {
  databaseUrl: string;
  openaiApiKey?: string | undefined;
  /** OpenAI's REST base for speech (default OpenAI's own). */
  openaiBaseUrl?: string | undefined;
  /** Recorded caller lines: `<dir>/<scenario>/<n>.wav`. */
  wavDir?: string | undefined;
  /** The simulator's latency before each response (default 250 ms, like a model). */
  responseLatencyMs?: number;
}): Promise<EvalStack> {
  const simulator = options.openaiApiKey
    ? null
    : await RealtimeSimulator.start({ responseLatencyMs: options.responseLatencyMs ?? 250 });
  const twilioRest = await FakeTwilioRest.start();
  const bridge = await startBridgeProcess({
    DATABASE_URL: options.databaseUrl,
    ENABLE_REALTIME_API: "true",
    OPENAI_API_KEY: options.openaiApiKey ?? "sk-sim-eval",
    ...(simulator ? { OPENAI_REALTIME_URL: simulator.url } : {}),
    TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
    TWILIO_AUTH_TOKEN: LOCAL_AUTH_TOKEN,
    TWILIO_API_BASE_URL: twilioRest.url,
  }).catch(async (error: unknown) => {
    await simulator?.close();
    await twilioRest.close();
    throw error;
  });
  const callerVoice: CallerVoice = options.wavDir
    ? { kind: "wav", dir: options.wavDir }
    : options.openaiApiKey
      ? {
          kind: "speech",
          openai: new OpenAI({
            apiKey: options.openaiApiKey,
            ...(options.openaiBaseUrl ? { baseURL: options.openaiBaseUrl } : {}),
          }),
        }
      : { kind: "synthetic" };
  return {
    bridge,
    simulator,
    twilioRest,
    deps: {
      bridgeUrl: bridge.url,
      publicBaseUrl: bridge.url,
      authToken: LOCAL_AUTH_TOKEN,
      twilioRestUrl: twilioRest.url,
      simulator,
      callerVoice,
    },
    async close() {
      await bridge.stop();
      await simulator?.close();
      await twilioRest.close();
    },
  };
}
