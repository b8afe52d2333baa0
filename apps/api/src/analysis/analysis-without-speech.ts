import type { AnalysisCallFacts, CallAnalysisResult } from "@koe/shared";

const NOT_CONNECTED = new Set(["busy", "no_answer", "failed", "canceled"]);

/**
 * The analysis of a call in which the caller said nothing: known without asking a model (and
 * without paying for it). An outbound call nobody answered is `other`; a caller who hung up
 * before speaking dropped the call.
 */
export function analysisWithoutSpeech(facts: AnalysisCallFacts): CallAnalysisResult {
  const connected = !NOT_CONNECTED.has(facts.endReason ?? "");
  return {
    summary: connected
      ? "発信者が用件を話す前に通話が終わりました。"
      : "通話がつながりませんでした（話中・不在・失敗など）。",
    outcome: connected ? "caller_dropped" : "other",
    sentiment: "neutral",
    followUpNeeded: false,
    followUpItems: [],
  };
}
