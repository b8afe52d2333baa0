import { z } from "zod";

/** Form parameters of Twilio's voice webhook (inbound call, or an outbound call being answered). */
export const twilioVoiceParamsSchema = z.object({
  CallSid: z.string().regex(/^CA[0-9a-f]{32}$/i, "CallSid must look like CA + 32 hex digits"),
  AccountSid: z.string().min(1),
  From: z.string().default(""),
  To: z.string().default(""),
  CallStatus: z.string().default("ringing"),
  Direction: z.string().default("inbound"),
  /** Outbound calls with answering-machine detection. */
  AnsweredBy: z.string().optional(),
});
export type TwilioVoiceParams = z.infer<typeof twilioVoiceParamsSchema>;

/** Form parameters Twilio posts to a speech `<Gather>`'s action (the legacy engine's turns). */
export const twilioGatherParamsSchema = z.object({
  CallSid: z.string().regex(/^CA[0-9a-f]{32}$/i, "CallSid must look like CA + 32 hex digits"),
  AccountSid: z.string().min(1),
  /** The number called: the operator path is found by it when the database is unreachable. */
  To: z.string().optional(),
  /** What Twilio recognised; missing or empty when the caller said nothing it could recognise. */
  SpeechResult: z.string().max(5_000).default(""),
  Confidence: z.coerce.number().min(0).max(1).optional(),
});
export type TwilioGatherParams = z.infer<typeof twilioGatherParamsSchema>;

/** The call statuses Twilio reports to a status callback. */
export const TWILIO_CALL_STATUSES = [
  "queued",
  "initiated",
  "ringing",
  "in-progress",
  "completed",
  "busy",
  "no-answer",
  "failed",
  "canceled",
] as const;

export const twilioStatusParamsSchema = z.object({
  CallSid: z.string().min(1),
  CallStatus: z.enum(TWILIO_CALL_STATUSES),
  /** Seconds, on completed calls. */
  CallDuration: z.coerce.number().int().min(0).optional(),
});
export type TwilioStatusParams = z.infer<typeof twilioStatusParamsSchema>;

/** Form parameters of Twilio's recording status callback (`recordingStatusCallback`). */
export const twilioRecordingStatusParamsSchema = z.object({
  CallSid: z.string().min(1),
  RecordingSid: z.string().regex(/^RE[0-9a-f]{32}$/i, "RecordingSid must look like RE + 32 hex digits"),
  /** The recording resource, without a media extension (append .mp3 or .wav to fetch it). */
  RecordingUrl: z.url(),
  RecordingStatus: z.enum(["in-progress", "completed", "absent", "failed"]),
  RecordingDuration: z.coerce.number().int().min(0).optional(),
  RecordingChannels: z.coerce.number().int().min(1).max(2).optional(),
});
export type TwilioRecordingStatusParams = z.infer<typeof twilioRecordingStatusParamsSchema>;
