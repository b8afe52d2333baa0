import { callHistoryFilterSchema } from "@koe/shared";
import { z } from "zod";

export const callIdInput = z.object({ callId: z.uuid() });

/** A page of the history: the shared filter (the URL's and the export's) and a cursor. */
export const historyInput = z
  .object({
    /** From `nextCursor` of the previous page. */
    cursor: z.string().nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .and(callHistoryFilterSchema);

export const rateInput = z.object({
  callId: z.uuid(),
  rating: z.number().int().min(1).max(5),
  /** What the caller really said, for transcription accuracy (CER); null clears it. */
  referenceTranscript: z.string().trim().min(1).max(20_000).nullish(),
});

export const takeOverInput = z.object({
  callId: z.uuid(),
  reason: z.string().trim().min(1).max(500).default("operator took over"),
});

export const placeCallInput = z.object({
  agentId: z.uuid(),
  /** The customer's number, E.164 (e.g. +819012345678). */
  to: z.string().regex(/^\+[1-9]\d{6,14}$/, "E.164 (e.g. +819012345678)"),
});
