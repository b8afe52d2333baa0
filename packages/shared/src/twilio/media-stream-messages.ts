import { z } from "zod";
import { base64AudioSchema } from "../audio/base64-audio.ts";

/**
 * Twilio Media Streams over WebSocket (bidirectional `<Connect><Stream>`). Twilio sends numbers as
 * strings; the schemas keep them as Twilio sends them. The `twilio` SDK has no types for these.
 */
const sequenceNumber = z.string().regex(/^\d+$/);
const numeric = z.string().regex(/^\d+$/);

export const twilioConnectedMessageSchema = z.object({
  event: z.literal("connected"),
  protocol: z.string(),
  version: z.string(),
});

export const twilioStartMessageSchema = z.object({
  event: z.literal("start"),
  sequenceNumber,
  streamSid: z.string(),
  start: z.object({
    streamSid: z.string(),
    accountSid: z.string(),
    callSid: z.string(),
    tracks: z.array(z.enum(["inbound", "outbound"])),
    /** The `<Parameter>`s of the TwiML `<Stream>`. */
    customParameters: z.record(z.string(), z.string()).default({}),
    mediaFormat: z.object({
      encoding: z.literal("audio/x-mulaw"),
      sampleRate: z.literal(8000),
      channels: z.literal(1),
    }),
  }),
});

export const twilioMediaMessageSchema = z.object({
  event: z.literal("media"),
  sequenceNumber,
  streamSid: z.string(),
  media: z.object({
    track: z.enum(["inbound", "outbound"]),
    /** 1-based count of chunks on this track. */
    chunk: numeric,
    /** Milliseconds since the stream started. */
    timestamp: numeric,
    /** Base64 μ-law 8 kHz mono, 20 ms (160 bytes) per message. */
    payload: base64AudioSchema,
  }),
});

export const twilioMarkMessageSchema = z.object({
  event: z.literal("mark"),
  sequenceNumber,
  streamSid: z.string(),
  mark: z.object({ name: z.string() }),
});

/** The keys a Twilio `dtmf` message can carry: 0-9, *, # and the A-D column. */
export const twilioDtmfDigitSchema = z.string().regex(/^[0-9*#A-D]$/);

export const twilioDtmfMessageSchema = z.object({
  event: z.literal("dtmf"),
  sequenceNumber,
  streamSid: z.string(),
  dtmf: z.object({ track: z.string(), digit: twilioDtmfDigitSchema }),
});

export const twilioStopMessageSchema = z.object({
  event: z.literal("stop"),
  sequenceNumber,
  streamSid: z.string(),
  stop: z.object({ accountSid: z.string(), callSid: z.string() }),
});

/** Everything Twilio sends on a media stream. */
export const twilioInboundMessageSchema = z.discriminatedUnion("event", [
  twilioConnectedMessageSchema,
  twilioStartMessageSchema,
  twilioMediaMessageSchema,
  twilioMarkMessageSchema,
  twilioDtmfMessageSchema,
  twilioStopMessageSchema,
]);
export type TwilioInboundMessage = z.infer<typeof twilioInboundMessageSchema>;
export type TwilioStartMessage = z.infer<typeof twilioStartMessageSchema>;

/** Everything a server may send back on a bidirectional stream. */
export const twilioOutboundMessageSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("media"), streamSid: z.string(), media: z.object({ payload: z.string() }) }),
  z.object({ event: z.literal("mark"), streamSid: z.string(), mark: z.object({ name: z.string() }) }),
  z.object({ event: z.literal("clear"), streamSid: z.string() }),
]);
export type TwilioOutboundMessage = z.infer<typeof twilioOutboundMessageSchema>;

/** Twilio's μ-law audio: 8 kHz, one byte per sample, 20 ms per media message. */
export const TWILIO_AUDIO = { sampleRate: 8000, bytesPerMs: 8, frameMs: 20, frameBytes: 160 } as const;
