import type { ChatModel } from "openai/resources/shared";

/** Text models a company may choose for post-call analysis: small and cheap, structured output capable. */
export const ANALYSIS_MODELS = [
  "gpt-5-mini",
  "gpt-5-nano",
  "gpt-4.1-mini",
] as const satisfies readonly ChatModel[];
export type AnalysisModel = (typeof ANALYSIS_MODELS)[number];

export const DEFAULT_ANALYSIS_MODEL: AnalysisModel = "gpt-5-mini";

export function isAnalysisModel(model: string): model is AnalysisModel {
  return (ANALYSIS_MODELS as readonly string[]).includes(model);
}

/** USD per one million text tokens, as published for each model. */
export type TextTokenPrices = { input: number; cachedInput: number; output: number };

export const ANALYSIS_PRICES_PER_MILLION: Readonly<Record<AnalysisModel, TextTokenPrices>> = {
  "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
  "gpt-5-nano": { input: 0.05, cachedInput: 0.005, output: 0.4 },
  "gpt-4.1-mini": { input: 0.4, cachedInput: 0.1, output: 1.6 },
};

/** The gpt-5 family reasons; the analysis asks it to reason as little as possible (cost, speed). */
export function analysisModelReasons(model: AnalysisModel): boolean {
  return model.startsWith("gpt-5");
}

/** Token counts of one Responses API call (its `usage`); reasoning tokens are part of `outputTokens`. */
export type TextUsage = { inputTokens: number; cachedInputTokens: number; outputTokens: number };

/** What one analysis cost, in USD: cached input at its own price, the rest at the input price. */
export function analysisCostUsd(model: AnalysisModel, usage: TextUsage): number {
  const prices = ANALYSIS_PRICES_PER_MILLION[model];
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  return (
    ((usage.inputTokens - cached) * prices.input +
      cached * prices.cachedInput +
      usage.outputTokens * prices.output) /
    1_000_000
  );
}
