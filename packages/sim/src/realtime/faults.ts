/**
 * Faults a test turns on to see how a client copes. Set them on the simulator at any time; they
 * apply to what happens next.
 */
export type Faults = {
  /** Extra wait before each response's first audio delta (on top of the model latency). */
  firstAudioDelayMs?: number;
  /** Answer WebSocket upgrades with this HTTP status instead of connecting (`remaining` times). */
  refuseConnections?: { status: number; remaining: number };
  /** Cut the socket without a close frame, once: after this many ms, or on receiving this client event. */
  dropSocket?: { afterMs?: number; onClientEvent?: string };
  /** Answer this client event type with an `error` event instead of handling it (`remaining` times). */
  errorOn?: { clientEvent: string; code: string; message: string; remaining: number };
  /** Wait this long before reading each client frame: a slow server, so the client's buffers fill. */
  slowReadMs?: number;
};
