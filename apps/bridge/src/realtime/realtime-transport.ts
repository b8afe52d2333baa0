import type { Base64Audio } from "@koe/shared";
import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import type { ServerEvent } from "./server-events.ts";

export type TransportListeners = {
  /** Each server event the bridge acts on, parsed to the fields it reads (see `server-events.ts`). */
  event: (event: ServerEvent) => void;
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
  /** Sends caller audio (`input_audio_buffer.append`), the bulk of what goes out; false as for `send`. */
  appendAudio(audio: Base64Audio): boolean;
  /** Bytes handed to the socket and not yet written to the network (what a stalled provider piles up). */
  readonly bufferedBytes: number;
  close(): void;
  on<K extends keyof TransportListeners>(name: K, listener: TransportListeners[K]): void;
}
