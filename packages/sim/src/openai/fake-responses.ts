import { randomBytes } from "node:crypto";
import {
  ANALYSIS_TRANSCRIPT_PREFIX,
  type CallAnalysisResult,
  type CallOutcomeName,
  callAnalysisResultSchema,
  TOOL_NAMES,
} from "@koe/shared";
import type { Response } from "openai/resources/responses/responses";
import { type OpenAIError, openAIError } from "./openai-error.ts";

type ResponsesRequest = {
  model?: unknown;
  input?: unknown;
  instructions?: unknown;
  text?: { format?: { type?: string; name?: string; schema?: { properties?: Record<string, unknown> } } };
};

/**
 * `POST /v1/responses` for the post-call analysis: a structured-output request answered in the
 * Responses API's shape with an analysis read off the transcript by keywords, so tests and
 * `./koe dev` get the same analysis for the same call with no key. A request that asks for no
 * JSON schema, or for one without the analysis's fields, is refused as OpenAI would a bad one.
 */
export function answerResponsesRequest(body: unknown): Response | OpenAIError {
  const request = (body ?? {}) as ResponsesRequest;
  if (typeof request.model !== "string") return openAIError(400, "Missing required parameter: 'model'.");
  const input = textOf(request.input);
  if (!input) return openAIError(400, "Missing required parameter: 'input'.");
  const format = request.text?.format;
  if (format?.type !== "json_schema" || !format.name || !format.schema) {
    return openAIError(
      400,
      "The local simulator answers structured-output requests only (text.format json_schema).",
    );
  }
  const wanted = Object.keys(callAnalysisResultSchema.shape);
  const offered = Object.keys(format.schema.properties ?? {});
  if (wanted.some((key) => !offered.includes(key))) {
    return openAIError(
      400,
      `Invalid schema for response_format '${format.name}': expected ${wanted.join(", ")}.`,
    );
  }
  const analysis = analyseTranscript(input);
  const text = JSON.stringify(analysis);
  const id = randomBytes(12).toString("hex");
  const inputTokens = Math.ceil((input.length + textOf(request.instructions).length) / 2);
  const outputTokens = Math.ceil(text.length / 2);
  const now = Math.floor(Date.now() / 1000);
  return {
    id: `resp_${id}`,
    object: "response",
    created_at: now,
    completed_at: now,
    status: "completed",
    access_programs: null,
    error: null,
    incomplete_details: null,
    instructions: typeof request.instructions === "string" ? request.instructions : null,
    metadata: {},
    model: request.model,
    output: [
      {
        type: "message",
        id: `msg_${id}`,
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text, annotations: [], logprobs: [] }],
      },
    ],
    output_text: text,
    parallel_tool_calls: true,
    temperature: 1,
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    text: { format: { type: "json_schema", name: format.name, schema: format.schema, strict: true } },
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  } satisfies Response;
}

/** The analysis the fake gives a transcript: the outcome by keywords, in the order a person would check. */
export function analyseTranscript(transcript: string): CallAnalysisResult {
  const lines = transcript.split("\n");
  const callerLines = lines
    .filter((l) => l.startsWith(ANALYSIS_TRANSCRIPT_PREFIX.caller))
    .map((l) => l.slice(ANALYSIS_TRANSCRIPT_PREFIX.caller.length));
  const said = callerLines.join("\n");
  const tools = lines.filter((l) => l.startsWith(ANALYSIS_TRANSCRIPT_PREFIX.tool));
  const handedOff =
    lines.some((l) => l.startsWith(ANALYSIS_TRANSCRIPT_PREFIX.handoff)) ||
    tools.some((l) => l.includes(TOOL_NAMES.handoff));
  const booked = tools.some((l) => l.includes(TOOL_NAMES.schedule) && l.endsWith("成功"));
  const outcome: CallOutcomeName =
    callerLines.length === 0
      ? transcript.includes("留守番")
        ? "voicemail"
        : "caller_dropped"
      : handedOff
        ? "handed_off"
        : /キャンセル|取り消/.test(said)
          ? "cancelled"
          : /変更/.test(said)
            ? "rescheduled"
            : booked || /予約/.test(said)
              ? "booked"
              : "info_provided";
  const sentiment = /困|遅い|怒|ひどい|不満/.test(said)
    ? "negative"
    : /ありがとう|助かり/.test(said)
      ? "positive"
      : "neutral";
  const followUpItems = [
    ...(outcome === "handed_off" ? ["担当者が発信者の用件を引き継いで対応する"] : []),
    ...(/折り返/.test(said) ? ["発信者に折り返し電話する"] : []),
  ];
  const first = callerLines[0];
  return {
    summary: first
      ? `発信者は「${first.slice(0, 40)}」と連絡してきました。${OUTCOME_SENTENCES[outcome]}`
      : `発信者の発話はありませんでした。${OUTCOME_SENTENCES[outcome]}`,
    outcome,
    sentiment,
    followUpNeeded: followUpItems.length > 0,
    followUpItems,
  };
}

const OUTCOME_SENTENCES: Record<CallOutcomeName, string> = {
  booked: "エージェントが予約を受け付けました。",
  rescheduled: "エージェントが予約の変更を受け付けました。",
  cancelled: "エージェントが予約の取り消しを受け付けました。",
  info_provided: "エージェントが問い合わせに回答しました。",
  handed_off: "エージェントが担当者に引き継ぎました。",
  caller_dropped: "用件が済む前に通話が終わりました。",
  voicemail: "留守番電話につながりました。",
  other: "特記事項はありません。",
};

/** The input's text: a string, or the text parts of input messages. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).join("\n");
  if (value && typeof value === "object") {
    const item = value as { content?: unknown; text?: unknown };
    if (typeof item.text === "string") return item.text;
    if (item.content !== undefined) return textOf(item.content);
  }
  return "";
}
