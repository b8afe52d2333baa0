import { z } from "zod";
import { twilioDtmfDigitSchema } from "../twilio/media-stream-messages.ts";

/**
 * A call's token counts by kind, the one list of them: each `usage` event carries one response's,
 * the call row's token columns (Prisma `CallSession`, tied to this list at compile time in @koe/db)
 * hold their sums, and the call history shows them in this order.
 */
export const tokenCountsSchema = z.object({
  inputAudioTokens: z.number().int().nonnegative(),
  inputCachedTokens: z.number().int().nonnegative(),
  inputTextTokens: z.number().int().nonnegative(),
  outputAudioTokens: z.number().int().nonnegative(),
  outputTextTokens: z.number().int().nonnegative(),
  transcriptionTokens: z.number().int().nonnegative().default(0),
});
export type TokenCounts = z.output<typeof tokenCountsSchema>;
export const TOKEN_COUNT_KINDS = tokenCountsSchema.keyof().options;

/**
 * Payload of each `CallEvent` type. The bridge writes them, the api and the web read them, so they
 * are validated on both sides of the database. Keys match Prisma's `CallEventType` enum
 * (checked at compile time in @koe/db).
 */
export const callEventPayloadSchemas = {
  transcript: z.object({
    role: z.enum(["caller", "agent"]),
    text: z.string(),
    /** OpenAI conversation item, or the legacy engine's turn number. */
    itemId: z.string().optional(),
    /** True when barge-in cut the agent's line short: the text is what the caller heard. */
    truncated: z.boolean().default(false),
  }),
  tool_call: z.object({ callId: z.string(), name: z.string(), arguments: z.unknown() }),
  tool_result: z.object({
    callId: z.string(),
    name: z.string(),
    ok: z.boolean(),
    output: z.unknown(),
    durationMs: z.number().nonnegative(),
  }),
  handoff: z.object({
    reason: z.string(),
    by: z.enum(["ai", "operator", "fallback"]),
    target: z.string().nullable(),
    ok: z.boolean(),
  }),
  barge_in: z.object({ itemId: z.string(), audioEndMs: z.number().nonnegative(), reactionMs: z.number() }),
  turn_latency: z.object({ turn: z.number().int().nonnegative(), latencyMs: z.number().nonnegative() }),
  usage: tokenCountsSchema.extend({ responseId: z.string().optional() }),
  status: z.object({ status: z.string(), detail: z.string().optional() }),
  error: z.object({
    source: z.enum(["openai", "twilio", "bridge", "tool", "database"]),
    code: z.string(),
    message: z.string(),
  }),
  alert: z.object({ kind: z.string(), message: z.string() }),
  dtmf: z.object({ digit: twilioDtmfDigitSchema }),
} as const;

export type CallEventKind = keyof typeof callEventPayloadSchemas;
export type CallEventPayload<K extends CallEventKind> = z.infer<(typeof callEventPayloadSchemas)[K]>;

/** Validates a payload against its event type's schema; throws a ZodError naming what is wrong. */
export function parseCallEventPayload<K extends CallEventKind>(
  type: K,
  payload: unknown,
): CallEventPayload<K> {
  return callEventPayloadSchemas[type].parse(payload) as CallEventPayload<K>;
}
