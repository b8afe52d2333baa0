import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import type { ClientEventError } from "./client-events.ts";
import type { Faults } from "./faults.ts";

/**
 * Faults keyed to a client event (`faults.dropSocket.onClientEvent`, `faults.errorOn`): the socket
 * is dropped, or the event answered with a server error, each used up as it strikes. True: handled.
 */
export function injectClientEventFault(
  event: RealtimeClientEvent,
  faults: Faults,
  session: { terminate(): void; error(error: ClientEventError, type: string): void },
): boolean {
  const drop = faults.dropSocket;
  if (drop?.onClientEvent === event.type) {
    faults.dropSocket = undefined;
    session.terminate();
    return true;
  }
  const injected = faults.errorOn;
  if (injected && injected.clientEvent === event.type && injected.remaining > 0) {
    injected.remaining--;
    session.error(
      { code: injected.code, message: injected.message, param: null, eventId: event.event_id ?? null },
      "server_error",
    );
    return true;
  }
  return false;
}
