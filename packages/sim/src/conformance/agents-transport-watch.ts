import type { OpenAIRealtimeWebSocket } from "@openai/agents/realtime";
import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { ServerEventLog } from "./server-event-log.ts";

/**
 * Watches an `@openai/agents` transport: every server event it received (its raw `*` event) goes
 * to `log`, and `refused()` lists the events its zod schemas rejected. The SDK does not fail on
 * those: it passes them on as "generic" events and skips its own handling (history, audio
 * bookkeeping), so a deviation would pass unnoticed without this count.
 */
export function watchAgentsTransport(transport: OpenAIRealtimeWebSocket) {
  const log = new ServerEventLog();
  const received = new Map<string, number>();
  const validated = new Map<string, number>();
  // After validating an event, the SDK emits it under its own type name, which the typed event map
  // of the transport does not list.
  const on = transport.on.bind(transport) as (type: string, listener: (event: unknown) => void) => void;
  const count = (counts: Map<string, number>, type: string) => counts.set(type, (counts.get(type) ?? 0) + 1);
  transport.on("*", (event) => {
    if (!("event_id" in event)) return; // the Twilio transport's own `twilio_message` events
    log.push(event as RealtimeServerEvent);
    const type = event.type;
    if (!received.has(type) && type !== "error") on(type, () => count(validated, type));
    count(received, type);
  });
  // The SDK reports a validated server error event as `{ type: "error", error: <the event> }`.
  on("error", (error) => {
    if (isServerErrorEvent(error)) count(validated, "error");
  });
  const refused = () =>
    [...received].filter(([type, n]) => (validated.get(type) ?? 0) !== n).map(([type]) => type);
  return { log, refused };
}

function isServerErrorEvent(value: unknown): boolean {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const inner = value.error;
  return typeof inner === "object" && inner !== null && "type" in inner && inner.type === "error";
}
