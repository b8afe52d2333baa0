import { callEventPayloadSchemas } from "@koe/shared";
import type { CallEventView } from "../lib/api-types.ts";
import { HANDOFF_BY_LABELS } from "../lib/labels.ts";

/** What the monitor and the history show for one call event. */
export type FeedItem =
  | { kind: "line"; id: string; at: string; role: "caller" | "agent"; text: string; truncated: boolean }
  | { kind: "tool"; id: string; at: string; name: string; detail: string; ok: boolean | null }
  | { kind: "latency"; id: string; at: string; turn: number; latencyMs: number }
  | { kind: "note"; id: string; at: string; color: string; label: string; text: string };

const ERROR_SOURCES: Record<string, string> = {
  openai: "OpenAI",
  twilio: "Twilio",
  bridge: "ブリッジ",
  tool: "ツール",
  database: "データベース",
};

/** The event as a feed item, or null for events the feed leaves out (token usage). */
export function describeEvent(event: CallEventView): FeedItem | null {
  const base = { id: event.id, at: event.occurredAt };
  const s = callEventPayloadSchemas;
  switch (event.type) {
    case "transcript": {
      const p = s.transcript.safeParse(event.payload);
      return p.success
        ? { ...base, kind: "line", role: p.data.role, text: p.data.text, truncated: p.data.truncated }
        : null;
    }
    case "tool_call": {
      const p = s.tool_call.safeParse(event.payload);
      return p.success
        ? { ...base, kind: "tool", name: p.data.name, detail: JSON.stringify(p.data.arguments), ok: null }
        : null;
    }
    case "tool_result": {
      const p = s.tool_result.safeParse(event.payload);
      return p.success
        ? {
            ...base,
            kind: "tool",
            name: p.data.name,
            detail: `${p.data.ok ? "成功" : "失敗"}(${Math.round(p.data.durationMs)} ms): ${JSON.stringify(p.data.output)}`,
            ok: p.data.ok,
          }
        : null;
    }
    case "turn_latency": {
      const p = s.turn_latency.safeParse(event.payload);
      return p.success ? { ...base, kind: "latency", turn: p.data.turn, latencyMs: p.data.latencyMs } : null;
    }
    case "barge_in": {
      const p = s.barge_in.safeParse(event.payload);
      return p.success
        ? {
            ...base,
            kind: "note",
            color: "grape",
            label: "割り込み",
            text: `お客様が話し始めたため、エージェントの発話を ${Math.round(p.data.audioEndMs)} ms で止めました(反応 ${Math.round(p.data.reactionMs)} ms)`,
          }
        : null;
    }
    case "handoff": {
      const p = s.handoff.safeParse(event.payload);
      return p.success
        ? {
            ...base,
            kind: "note",
            color: p.data.ok ? "orange" : "red",
            label: "転送",
            text: `${HANDOFF_BY_LABELS[p.data.by] ?? p.data.by}: ${p.data.reason}${p.data.target ? ` → ${p.data.target}` : ""}${p.data.ok ? "" : "(失敗)"}`,
          }
        : null;
    }
    case "status": {
      const p = s.status.safeParse(event.payload);
      return p.success
        ? {
            ...base,
            kind: "note",
            color: "gray",
            label: "状態",
            text: [p.data.status, p.data.detail].filter(Boolean).join(": "),
          }
        : null;
    }
    case "error": {
      const p = s.error.safeParse(event.payload);
      return p.success
        ? {
            ...base,
            kind: "note",
            color: "red",
            label: "エラー",
            text: `${ERROR_SOURCES[p.data.source] ?? p.data.source} ${p.data.code}: ${p.data.message}`,
          }
        : null;
    }
    case "alert": {
      const p = s.alert.safeParse(event.payload);
      return p.success
        ? { ...base, kind: "note", color: "yellow", label: "警告", text: p.data.message }
        : null;
    }
    case "dtmf": {
      const p = s.dtmf.safeParse(event.payload);
      return p.success
        ? { ...base, kind: "note", color: "gray", label: "ボタン", text: `プッシュ ${p.data.digit}` }
        : null;
    }
    default:
      return null;
  }
}
