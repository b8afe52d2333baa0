import type { Scenario } from "../scenarios/scenario.ts";
import type { LiveCallUpdate } from "./live-call-channel.ts";
import type { HeardSegment } from "./playback.ts";
import type { ParsedTwiml } from "./twiml.ts";

export type PlaceCallOptions = {
  /** Where the bridge really listens, e.g. http://127.0.0.1:8081. */
  bridgeUrl: string;
  /** The origin Twilio is configured with (PUBLIC_BASE_URL): signatures are computed on it. */
  publicBaseUrl: string;
  authToken: string;
  scenario: Scenario;
  to?: string;
  accountSid?: string;
  callSid?: string;
  /** Query string of the voice webhook (outbound calls carry `agentId`). */
  voiceQuery?: Record<string, string>;
  /** Speed relative to real time for both sending and playing audio (default 1, as Twilio). */
  pace?: number;
  /** How long playback must stay silent before the caller takes the agent's turn as over. */
  agentTurnEndSilenceMs?: number;
  /** Give up on a turn the agent never takes after this long. */
  turnTimeoutMs?: number;
  /** Benchmark mode: stamp every frame sent, time every stamped frame received. */
  stampFrames?: boolean;
  /** The fake Twilio REST API the bridge and api update calls on: its updates reach this call. */
  twilioRestUrl?: string;
  /** Awaited with the voice webhook's answer before the media stream opens (a test stops the process that answered). */
  beforeStream?: (twiml: ParsedTwiml) => Promise<void>;
  /**
   * Awaited once the call's audio is over, before the final status callback: Twilio sends
   * `completed` only when the whole call has ended, e.g. after the operator leg that the TwiML after
   * `<Connect>` dials when the stream drops.
   */
  beforeStatusCallback?: (result: CallResult) => Promise<void>;
  /**
   * What the caller's microphone sends for each caller line, in order: 8 kHz μ-law (recorded or
   * synthesized speech). A line without one is the simulator's synthetic speech.
   */
  callerAudio?: readonly (Buffer | undefined)[];
};

export type CallerTurn = {
  say: string;
  /** Call time the caller started and stopped speaking (a <Gather> turn: when its result was posted). */
  startMs: number;
  endMs: number;
  /**
   * First agent audio received after the caller stopped speaking (null: none, or it barged in);
   * a <Gather> turn: when the TwiML answer to the posted speech result arrived.
   */
  firstAgentAudioMs: number | null;
};

export type CallResult = {
  callSid: string;
  streamSid: string | null;
  twiml: ParsedTwiml;
  /** Every TwiML answer in order: the voice webhook's, one per <Gather> round trip, then any TwiML a REST update put in. */
  twimls: ParsedTwiml[];
  heard: HeardSegment[];
  turns: CallerTurn[];
  marksEchoed: string[];
  clears: number;
  /** Every message the bridge sent on the stream, with call time. */
  received: { atMs: number; event: string }[];
  /** Close code of the media stream (1000: the caller hung up; 1008: the bridge refused it). */
  closeCode: number | null;
  /** Why the script could not be played to the end (the bridge closed the stream, a turn timed out). */
  error: string | null;
  /** The REST update that ended the stream (new TwiML or a hang-up); null when the caller hung up. */
  update: LiveCallUpdate | null;
  /** HTTP status the status callback got; null when it could not be delivered. */
  statusCallback: number | null;
  /** Media frames sent to the bridge. */
  framesSent: number;
  /** With `stampFrames`: how long each stamped agent frame took from the provider to here. */
  outboundLatenciesMs: number[];
};

/** A call's result before anything happened on its stream. */
export function emptyCallResult(callSid: string, twiml: ParsedTwiml): CallResult {
  return {
    callSid,
    streamSid: null,
    twiml,
    twimls: [twiml],
    heard: [],
    turns: [],
    marksEchoed: [],
    clears: 0,
    received: [],
    closeCode: null,
    error: null,
    update: null,
    statusCallback: null,
    framesSent: 0,
    outboundLatenciesMs: [],
  };
}
