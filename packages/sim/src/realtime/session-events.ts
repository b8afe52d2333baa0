import type { RealtimeClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";

/** A server event before the simulator stamps its `event_id`. */
export type ServerEventBody = RealtimeServerEvent extends infer E
  ? E extends unknown
    ? Omit<E, "event_id">
    : never
  : never;

/** Sends one server event on a session. */
export type Emit = (body: ServerEventBody) => void;

export type RecordedClientEvent = { atMs: number; event: RealtimeClientEvent };

/**
 * Counts a benchmark and a test read: audio frames in and out, how long stamped input took to
 * arrive, and the scenario's tool calls the session's tools did not allow (answered in speech).
 */
export type SimulatorStats = {
  appendsReceived: number;
  deltasSent: number;
  inboundLatenciesMs: number[];
  toolCallsWithheld: number;
};
