/**
 * Faults a test (or `pnpm sim:realtime --…`) turns on to see how a client copes. Set them on the
 * simulator (every session) or on one session (`session.faults`) at any time; they apply to what
 * happens next. Every random choice comes from the simulator's `seed`: one seed, one sequence.
 */
export type Faults = {
  /** Extra wait before each response's first audio delta (on top of the model latency). */
  firstAudioDelayMs?: number;
  /** Answer WebSocket upgrades with this HTTP status instead of connecting (`remaining` times). */
  refuseConnections?: { status: number; remaining: number };
  /**
   * Accept the upgrade, then refuse the session as the API refuses a key, an account or a load:
   * an `error` event with this code, then a close (`remaining` times).
   */
  refuseSession?: { code: SessionRefusalCode; remaining: number };
  /**
   * Cut the socket without a close frame, once: after this many ms, on receiving this client event,
   * or mid-response after this many audio deltas of the session.
   */
  dropSocket?: { afterMs?: number; onClientEvent?: string; afterAudioDeltas?: number };
  /** Answer this client event type with an `error` event instead of handling it (`remaining` times). */
  errorOn?: { clientEvent: string; code: string; message: string; remaining: number };
  /** Wait this long before reading each client frame: a slow server, so the client's buffers fill. */
  slowReadMs?: number;
  /** End sessions with `session_expired` this long after they start (the API's cap: 60 minutes). */
  sessionExpiresAfterMs?: number;
  /** Hold each server event a random 0…this many ms, order kept (a slow or bursty network). */
  eventJitterMs?: number;
  /** Swap an event with the next one, where the API does not order the two, with this probability. */
  reorderProbability?: number;
  /** Remove or null one optional field of an event, with this probability per event. */
  sparseFieldsProbability?: number;
  /** Send an event of an unknown (future) type before an event, with this probability. */
  unknownEventProbability?: number;
};

/** The ways the API refuses a session at its start. */
export const SESSION_REFUSALS = {
  invalid_api_key: {
    type: "invalid_request_error",
    message:
      "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
    closeCode: 1008,
  },
  insufficient_quota: {
    type: "insufficient_quota",
    message: "You exceeded your current quota, please check your plan and billing details.",
    closeCode: 1008,
  },
  rate_limit_exceeded: {
    type: "requests",
    message: "Rate limit reached for requests. Please try again in a moment.",
    closeCode: 1008,
  },
  server_error: {
    type: "server_error",
    message: "The server had an error while processing your request. Sorry about that!",
    closeCode: 1011,
  },
} as const;

export type SessionRefusalCode = keyof typeof SESSION_REFUSALS;

/** The API's cap on one session's length. */
export const SESSION_MAX_MS = 60 * 60 * 1000;
