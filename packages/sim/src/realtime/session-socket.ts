/**
 * What a simulated session needs from its transport: a WebSocket from `ws`, or a WebRTC call's
 * `oai-events` data channel behind an adapter. Frames are JSON text.
 */
export type SessionSocket = {
  readonly readyState: number;
  /** The `readyState` value of an open transport. */
  readonly OPEN: number;
  send(frame: string): void;
  /** Cut the transport without a goodbye (fault injection). */
  terminate(): void;
  /** End the transport with a close code, after the last event (a refused or expired session). */
  close(code: number, reason: string): void;
};
