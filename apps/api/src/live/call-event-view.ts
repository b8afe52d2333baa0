import type { CallEventType } from "@koe/db";

/** A call event as the browser receives it: the bigint id as a string, the time as ISO 8601. */
export type CallEventView = {
  id: string;
  callSessionId: string;
  type: CallEventType;
  payload: unknown;
  occurredAt: string;
};

export function toCallEventView(event: {
  id: bigint;
  callSessionId: string;
  type: CallEventType;
  payload: unknown;
  occurredAt: Date;
}): CallEventView {
  return {
    id: event.id.toString(),
    callSessionId: event.callSessionId,
    type: event.type,
    payload: event.payload,
    occurredAt: event.occurredAt.toISOString(),
  };
}
