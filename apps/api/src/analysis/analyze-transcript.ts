import {
  ANALYSIS_INSTRUCTIONS,
  type AnalysisModel,
  analysisCostUsd,
  analysisModelReasons,
  CALL_ANALYSIS_FORMAT_NAME,
  type CallAnalysisResult,
  callAnalysisResultSchema,
  type TextUsage,
} from "@koe/shared";
import type OpenAI from "openai";
import { zodTextFormat } from "openai/helpers/zod";

export type TranscriptAnalysis = {
  result: CallAnalysisResult;
  usage: TextUsage;
  costUsd: number;
};

/**
 * One Responses API request with the analysis schema as structured output. The SDK does not retry
 * (`maxRetries: 0`): the job queue does, with its backoff, and counts the attempts.
 */
export async function analyzeTranscript(
  openai: OpenAI,
  model: AnalysisModel,
  transcript: string,
): Promise<TranscriptAnalysis> {
  const response = await openai.responses.parse(
    {
      model,
      instructions: ANALYSIS_INSTRUCTIONS,
      input: transcript,
      text: { format: zodTextFormat(callAnalysisResultSchema, CALL_ANALYSIS_FORMAT_NAME) },
      ...(analysisModelReasons(model) ? { reasoning: { effort: "minimal" as const } } : {}),
      store: false,
    },
    { maxRetries: 0 },
  );
  if (!response.output_parsed) {
    throw new Error(`The analysis came back without a result (status ${response.status ?? "unknown"}).`);
  }
  const usage: TextUsage = {
    inputTokens: response.usage?.input_tokens ?? 0,
    cachedInputTokens: response.usage?.input_tokens_details.cached_tokens ?? 0,
    outputTokens: response.usage?.output_tokens ?? 0,
  };
  return { result: response.output_parsed, usage, costUsd: analysisCostUsd(model, usage) };
}
