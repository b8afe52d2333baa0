import { z } from "zod";

/** What a call achieved (Prisma's `CallOutcome`, checked in @koe/db). */
export const CALL_OUTCOMES = [
  "booked",
  "rescheduled",
  "cancelled",
  "info_provided",
  "handed_off",
  "caller_dropped",
  "voicemail",
  "other",
] as const;
export type CallOutcomeName = (typeof CALL_OUTCOMES)[number];

/** Outcomes in which the agent dealt with the caller's business itself: the completion rate's numerator. */
export const COMPLETED_OUTCOMES: readonly CallOutcomeName[] = [
  "booked",
  "rescheduled",
  "cancelled",
  "info_provided",
];

/** The caller's mood over the call (Prisma's `CallSentiment`, checked in @koe/db). */
export const CALL_SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type CallSentimentName = (typeof CALL_SENTIMENTS)[number];

/**
 * What the post-call analysis asks the model for, as structured output (the `openai` SDK's
 * `zodTextFormat` turns it into the JSON schema; every field is required, as strict mode wants).
 */
export const callAnalysisResultSchema = z.object({
  summary: z.string().describe("通話の要約。日本語で2〜4文。"),
  outcome: z
    .enum(CALL_OUTCOMES)
    .describe(
      "booked: 予約が取れた / rescheduled: 予約を変更した / cancelled: 予約を取り消した / info_provided: 問い合わせに答えた / handed_off: 担当者に引き継いだ / caller_dropped: 用件の途中で発信者が切った / voicemail: 留守番電話 / other: その他",
    ),
  sentiment: z.enum(CALL_SENTIMENTS).describe("発信者の感情"),
  followUpNeeded: z.boolean().describe("会社側の対応（折り返し等）が必要か"),
  followUpItems: z.array(z.string()).describe("必要な対応。日本語で短く。不要なら空配列。"),
});
export type CallAnalysisResult = z.infer<typeof callAnalysisResultSchema>;

/** The structured output's name in the request (`text.format.name`). */
export const CALL_ANALYSIS_FORMAT_NAME = "call_analysis";

/** The job-queue task that analyses an ended call, and its payload (the queue stores it as JSON). */
export const ANALYZE_CALL_TASK = "analyze_call";
export const analyzeCallPayloadSchema = z.object({ callSessionId: z.uuid() });
export type AnalyzeCallPayload = z.infer<typeof analyzeCallPayloadSchema>;
/** Attempts before an analysis counts as failed and waits for a person's retry. */
export const ANALYSIS_MAX_ATTEMPTS = 3;
