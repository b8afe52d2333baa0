import { callEventPayloadSchemas } from "@koe/shared";
import type { TFunction } from "i18next";
import type { CallEventView } from "../lib/api-types.ts";
import { formatPhoneNumber } from "../lib/phone-number.ts";
import { statusNote } from "./status-note.ts";

/**
 * What the monitor and the history show for one call event, in plain words; `raw` is the event's
 * record for those who open 「詳細」 (tool arguments and results, error codes).
 */
export type FeedItem =
  | { kind: "line"; id: string; at: string; role: "caller" | "agent"; text: string; truncated: boolean }
  | { kind: "tool"; id: string; at: string; name: string; detail: string; ok: boolean | null; raw: unknown }
  | { kind: "latency"; id: string; at: string; turn: number; latencyMs: number }
  | { kind: "note"; id: string; at: string; color: string; label: string; text: string; raw: unknown };

/** The agent's tools Koe words by name (`callEvents:toolName.*`); another shows its own name. */
const TOOL_NAMES = ["schedule_appointment", "request_operator_handoff", "get_customer_info"] as const;

function toolName(name: string, t: DescribeT): string {
  const known = TOOL_NAMES.find((tool) => tool === name);
  return known ? t(`toolName.${known}`) : name;
}

/** The translations `describeEvent` words its notes with. */
export type DescribeT = TFunction<["callEvents", "labels"]>;

/** The event as a feed item, or null for events the feed leaves out (token usage). */
export function describeEvent(event: CallEventView, t: DescribeT): FeedItem | null {
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
        ? {
            ...base,
            kind: "tool",
            name: toolName(p.data.name, t),
            detail: t("tool.requested"),
            ok: null,
            raw: p.data.arguments,
          }
        : null;
    }
    case "tool_result": {
      const p = s.tool_result.safeParse(event.payload);
      if (!p.success) return null;
      const outcome = { ms: Math.round(p.data.durationMs) };
      return {
        ...base,
        kind: "tool",
        name: toolName(p.data.name, t),
        detail: p.data.ok ? t("tool.succeeded", outcome) : t("tool.failed", outcome),
        ok: p.data.ok,
        raw: p.data.output,
      };
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
            label: t("note.bargeIn"),
            text: t("bargeIn", {
              audioEndMs: Math.round(p.data.audioEndMs),
              reactionMs: Math.round(p.data.reactionMs),
            }),
            raw: event.payload,
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
            label: t("note.handoff"),
            text: `${t(`labels:handoffBy.${p.data.by}`)}: ${p.data.reason}${p.data.target ? ` → ${formatPhoneNumber(p.data.target)}` : ""}${p.data.ok ? "" : t("handoffFailed")}`,
            raw: event.payload,
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
            label: t("note.status"),
            text: statusNote(p.data.status, p.data.detail, t),
            raw: event.payload,
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
            label: t("note.error"),
            text: t("errorAt", { source: t(`errorSource.${p.data.source}`) }),
            raw: event.payload,
          }
        : null;
    }
    case "alert": {
      const p = s.alert.safeParse(event.payload);
      return p.success
        ? {
            ...base,
            kind: "note",
            color: "yellow",
            label: t("note.alert"),
            text: p.data.message,
            raw: event.payload,
          }
        : null;
    }
    case "dtmf": {
      const p = s.dtmf.safeParse(event.payload);
      return p.success
        ? {
            ...base,
            kind: "note",
            color: "gray",
            label: t("note.dtmf"),
            text: t("dtmf", { digit: p.data.digit }),
            raw: event.payload,
          }
        : null;
    }
    default:
      return null;
  }
}
