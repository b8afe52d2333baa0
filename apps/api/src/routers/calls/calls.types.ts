import { CallEngine, CallStatus } from "@koe/db";
import { z } from "zod";

export const callIdInput = z.object({ callId: z.uuid() });

export const historyInput = z
  .object({
    /** From `nextCursor` of the previous page. */
    cursor: z.string().nullish(),
    limit: z.number().int().min(1).max(100).default(50),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    agentId: z.uuid().optional(),
    engine: z.enum(CallEngine).optional(),
    status: z.enum(CallStatus).optional(),
    /** true: only calls handed to an operator; false: only calls that were not. */
    handoff: z.boolean().optional(),
  })
  .refine((i) => !i.from || !i.to || new Date(i.from) < new Date(i.to), {
    message: "from must be before to",
    path: ["to"],
  });

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
