// The two bridges the bench (`bridge-bench.ts`) measures, started as it needs them: Koe's as
// production runs it, and the reference relay; each dials a call its own way, and says when the
// calls' set-up has been written (Koe's journal), so the window measures relaying alone.
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort, type WatchedProcess } from "@koe/cluster";
import { parseTwiml } from "@koe/sim";
import twilio from "twilio";
import {
  BENCH_AUTH_TOKEN,
  BENCH_PUBLIC_BASE_URL,
  startBenchBridge,
  startBenchProcess,
} from "./bench-process.ts";
import type { StreamTarget } from "./relay-load.ts";

/**
 * The flags and environment `pnpm start` gives the bridge (its heap sizes, its compile cache), so
 * the bench runs it as production does.
 */
const START_WORDS = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    scripts: { start: string };
  }
).scripts.start.split(" ");
const KOE_NODE_FLAGS = START_WORDS.filter((word) => word.startsWith("--"));
const KOE_START_ENV = Object.fromEntries(
  START_WORDS.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => word.split("=", 2) as [string, string]),
);

/**
 * Whether Node's compile cache that the start command names holds anything yet: a start that
 * finds it empty (a fresh checkout, a new deploy) strips the workspace's TypeScript itself.
 */
export function compileCacheFilled(): boolean {
  const dir = KOE_START_ENV.NODE_COMPILE_CACHE;
  if (!dir) return false;
  try {
    return readdirSync(new URL(`../${dir}`, import.meta.url)).length > 0;
  } catch {
    return false;
  }
}

/** A bridge under test, up and pinned, and how a caller reaches it. */
export type Bridge = {
  process: WatchedProcess;
  dial(index: number): Promise<StreamTarget>;
  /** Resolves once the bridge has nothing of the calls' set-up left to write. */
  setUpWritten(): Promise<void>;
  /** Why frames went missing, as the bridge counted it; null for a bridge that counts nothing. */
  ownCounters(): Promise<OwnCounters | null>;
  close(): Promise<void>;
};

/** The reference relay (`reference-relay.ts`), on core 0. */
export async function startReference(peerUrl: string, profileDir: string | undefined): Promise<Bridge> {
  const port = await freePort();
  const child = await startBenchProcess({
    name: "the reference relay",
    entry: "bench/reference-relay.ts",
    // ws as a plain install has it: without the optional native `bufferutil`, which Koe's bridge adds.
    env: {
      PORT: String(port),
      OPENAI_REALTIME_URL: peerUrl,
      OPENAI_API_KEY: "sk-bench",
      WS_NO_BUFFER_UTIL: "1",
    },
    healthUrl: `http://127.0.0.1:${port}/healthz`,
    profileDir,
    core: 0,
  });
  return {
    process: child,
    dial: async (index) => ({
      url: `ws://127.0.0.1:${port}/media-stream`,
      headers: {},
      callSid: callSid(index),
      customParameters: {},
    }),
    setUpWritten: async () => {},
    ownCounters: async () => null,
    close: async () => {},
  };
}

/** Koe's bridge as `pnpm start` runs it, on a fresh seeded database with lines for `calls`, on core 0. */
export async function startKoe(
  calls: number,
  peerUrl: string,
  profileDir: string | undefined,
): Promise<Bridge> {
  const koe = await startBenchBridge({
    calls,
    openaiUrl: peerUrl,
    // The webhook's fallback deadline guards a live line; here a loaded machine would only turn
    // calls away before the relay is measured.
    env: {
      VOICE_WEBHOOK_DEADLINE_MS: "60000",
      DATABASE_CONNECT_TIMEOUT_MS: "60000",
      DATABASE_STATEMENT_TIMEOUT_MS: "60000",
      ...KOE_START_ENV,
    },
    nodeArgs: KOE_NODE_FLAGS,
    profileDir,
    core: 0,
  });
  return {
    process: koe.process,
    dial: async (index) => {
      const sid = callSid(index);
      const params = {
        AccountSid: "ACbench",
        CallSid: sid,
        CallStatus: "ringing",
        Direction: "inbound",
        From: `+8190${String(index).padStart(8, "0")}`,
        To: "+815012345678",
      };
      const voiceUrl = `${BENCH_PUBLIC_BASE_URL}/api/twilio/voice`;
      const answer = await fetch(`${koe.url}/api/twilio/voice`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(BENCH_AUTH_TOKEN, voiceUrl, params),
        },
        body: new URLSearchParams(params),
      });
      const stream = parseTwiml(await answer.text()).stream;
      if (!stream) throw new Error(`the voice webhook answered ${answer.status} without a stream`);
      return {
        url: new URL(new URL(stream.url).pathname, koe.url.replace(/^http/, "ws")).toString(),
        headers: {
          "x-twilio-signature": twilio.getExpectedTwilioSignature(BENCH_AUTH_TOKEN, stream.url, {}),
        },
        callSid: sid,
        customParameters: stream.parameters,
      };
    },
    setUpWritten: () => journalEmpty(koe.metricsUrl),
    ownCounters: async () => readOwnCounters(await (await fetch(koe.metricsUrl)).text()),
    close: () => koe.db.close(),
  };
}

/**
 * Waits (at most 60 s) until Koe's call journal holds nothing: the calls' set-up rows and events
 * are written, and the window measures relaying alone.
 */
async function journalEmpty(metricsUrl: string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 250) {
    const text = await (await fetch(metricsUrl)).text();
    if (/^koe_journal_pending\{[^}]*\} 0$/m.test(text)) return;
    await sleep(250);
  }
  console.error("Koe's call journal still held set-up writes after 60 s; measuring anyway");
}

/** Koe's counts of the frames it did not relay, and of why a socket to OpenAI was replaced. */
export type OwnCounters = {
  droppedIn: number;
  droppedOut: number;
  discarded: number;
  reconnects: number;
};

/** Koe's counters from its Prometheus text: each the sum of its samples, or of those with `label`. */
export function readOwnCounters(metrics: string): OwnCounters {
  const sum = (name: string, label = "") => {
    let total = 0;
    for (const line of metrics.split("\n")) {
      if (!line.startsWith(`${name}{`) || !line.includes(label)) continue;
      total += Number(line.slice(line.lastIndexOf(" ") + 1));
    }
    return total;
  };
  return {
    droppedIn: sum("koe_frames_dropped_total", 'direction="in"'),
    droppedOut: sum("koe_frames_dropped_total", 'direction="out"'),
    discarded: sum("koe_frames_discarded_total"),
    reconnects: sum("koe_realtime_reconnects_total"),
  };
}

function callSid(index: number): string {
  return `CA${String(index).padStart(32, "0")}`;
}
