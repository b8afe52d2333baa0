import type { CallEventType, Prisma } from "@koe/db";

/** The columns every reader of the call event log selects: the tail, the backfill, call detail. */
export const callEventSelect = {
  id: true,
  callSessionId: true,
  companyId: true,
  type: true,
  payload: true,
  occurredAt: true,
} satisfies Prisma.CallEventSelect;

/** A call event as read from the log. */
export type CallEventRow = Prisma.CallEventGetPayload<{ select: typeof callEventSelect }>;

/** A call event as the browser receives it: the bigint id as a string, the time as ISO 8601. */
export type CallEventView = {
  id: string;
  callSessionId: string;
  type: CallEventType;
  payload: unknown;
  occurredAt: string;
};

export function toCallEventView(event: CallEventRow): CallEventView {
  return {
    id: event.id.toString(),
    callSessionId: event.callSessionId,
    type: event.type,
    payload: event.payload,
    occurredAt: event.occurredAt.toISOString(),
  };
}
