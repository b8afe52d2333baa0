import type { Expectation } from "./test-scenario.ts";

function argumentsText(args: Record<string, unknown> | undefined): string {
  if (!args || Object.keys(args).length === 0) return "";
  return ` (${Object.entries(args)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ")})`;
}

/** A short Japanese label of an expectation, stored with each verdict and shown in the CLI. */
export function expectationLabel(expectation: Expectation): string {
  switch (expectation.kind) {
    case "tool_called":
      return `${expectation.tool} が呼ばれる${argumentsText(expectation.arguments)}`;
    case "tool_not_called":
      return `${expectation.tool} が呼ばれない${argumentsText(expectation.arguments)}`;
    case "appointment_created":
      return "予約が作成される";
    case "handoff":
      return expectation.requested ? "担当者への引き継ぎを依頼する" : "担当者へ引き継がない";
    case "completed_without_operator":
      return "オペレーターなしで通話を終える";
    case "turn_latency_p95":
      return `応答遅延 P95 < ${expectation.maxMs} ms`;
    case "caller_cer":
      return `お客様の文字起こし CER < ${(expectation.max * 100).toFixed(1)}%`;
    case "cost":
      return `コスト < $${expectation.maxUsd}`;
  }
}
