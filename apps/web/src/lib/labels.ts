import type { CallSummary } from "./api-types.ts";

/** Japanese names of the api's enums, for badges, tables and filters. */
export const ENGINE_LABELS: Record<NonNullable<CallSummary["engine"]>, string> = {
  realtime: "Realtime API",
  legacy: "従来エンジン",
};

/** An outbound call has no engine until the customer answers (the bridge decides then). */
export function engineLabel(engine: CallSummary["engine"]): string {
  return engine ? ENGINE_LABELS[engine] : "応答待ち";
}

export const STATUS_LABELS: Record<CallSummary["status"], string> = {
  initiated: "発信準備中",
  ringing: "呼び出し中",
  active: "通話中",
  completed: "完了",
  busy: "話し中",
  no_answer: "応答なし",
  failed: "失敗",
  canceled: "キャンセル",
  interrupted: "中断",
};

export const STATUS_COLORS: Record<CallSummary["status"], string> = {
  initiated: "gray",
  ringing: "yellow",
  active: "teal",
  completed: "blue",
  busy: "orange",
  no_answer: "orange",
  failed: "red",
  canceled: "gray",
  interrupted: "red",
};

export const DIRECTION_LABELS: Record<CallSummary["direction"], string> = {
  inbound: "着信",
  outbound: "発信",
};

export const HANDOFF_BY_LABELS: Record<string, string> = {
  ai: "AI の判断",
  operator: "オペレーター",
  fallback: "障害時の自動転送",
};

export const ROLE_LABELS: Record<string, string> = { admin: "管理者", operator: "オペレーター" };
