import { z } from "zod";

/** The id of the last event a client received; httpSubscriptionLink sends it when it reconnects. */
export const lastEventIdSchema = z
  .string()
  .regex(/^\d{1,19}$/, "lastEventId is a call event id")
  .nullish();

export const callEventsInput = z.object({ callId: z.uuid(), lastEventId: lastEventIdSchema });
export const activeCallsInput = z.object({ lastEventId: lastEventIdSchema }).default({});
export const alertsInput = z.object({ lastEventId: lastEventIdSchema }).default({});
