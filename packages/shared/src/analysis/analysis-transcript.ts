/** One thing that happened in a call, in the order it happened, as the analysis reads it. */
export type AnalysisTranscriptItem =
  | { kind: "line"; role: "caller" | "agent"; text: string }
  | { kind: "tool"; name: string; arguments: unknown; ok: boolean | null }
  | { kind: "handoff"; reason: string; by: string };

/** Line prefixes of the transcript the model reads (the fake OpenAI REST API reads them too). */
export const ANALYSIS_TRANSCRIPT_PREFIX = {
  caller: "発信者: ",
  agent: "エージェント: ",
  tool: "[ツール] ",
  handoff: "[引き継ぎ] ",
} as const;

/** What the model is told about the call besides its lines. */
export type AnalysisCallFacts = {
  engine: string | null;
  direction: string;
  endReason: string | null;
  durationSeconds: number | null;
};

/** The call as plain text for the model: its facts, then one line per item. */
export function formatAnalysisTranscript(facts: AnalysisCallFacts, items: AnalysisTranscriptItem[]): string {
  const header = [
    `方向: ${facts.direction}`,
    `エンジン: ${facts.engine ?? "不明"}`,
    `終了理由: ${facts.endReason ?? "不明"}`,
    `通話時間: ${facts.durationSeconds ?? "不明"}秒`,
  ];
  const lines = items.map((item) => {
    if (item.kind === "line") return `${ANALYSIS_TRANSCRIPT_PREFIX[item.role]}${item.text}`;
    if (item.kind === "handoff") return `${ANALYSIS_TRANSCRIPT_PREFIX.handoff}${item.by}: ${item.reason}`;
    const result = item.ok === null ? "結果なし" : item.ok ? "成功" : "失敗";
    return `${ANALYSIS_TRANSCRIPT_PREFIX.tool}${item.name} ${JSON.stringify(item.arguments)} → ${result}`;
  });
  return [...header, "", "--- 通話記録 ---", ...lines].join("\n");
}

/** Instructions of the analysis request (the system prompt). */
export const ANALYSIS_INSTRUCTIONS = [
  "あなたはコールセンターの通話記録を分析するアシスタントです。",
  "与えられた通話記録（AI音声エージェントと発信者の会話、ツール呼び出し、引き継ぎ）を読み、",
  "日本語で2〜4文の要約、通話の結果（outcome）、発信者の感情、会社側のフォローアップの要否と内容を答えてください。",
  "記録にないことは推測しないでください。",
].join("\n");
