import type { RealtimeClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";

export type TransportListeners = {
  /** Every server event, typed by the OpenAI SDK's GA union. */
  event: (event: RealtimeServerEvent) => void;
  /** The socket closed; `expected` when we closed it ourselves. */
  close: (info: { code: number; reason: string; expected: boolean }) => void;
};

/**
 * The realtime speech provider as a call sees it. The OpenAI GA WebSocket implements it; so can a
 * fake in tests, or another provider later.
 */
export interface RealtimeTransport {
  /** Opens the socket; rejects with a clear error when the provider refuses. */
  connect(): Promise<void>;
  /** Sends a client event; false when the socket is not open (the caller decides what to do). */
  send(event: RealtimeClientEvent): boolean;
  close(): void;
  on<K extends keyof TransportListeners>(name: K, listener: TransportListeners[K]): void;
}
