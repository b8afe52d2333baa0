import type { CallSummary } from "../lib/api-types.ts";
import { CALL_STATUSES } from "../lib/labels.ts";
import type { DescribeT } from "./describe-event.ts";

type EndReason = NonNullable<CallSummary["endReason"]>;

/** Why the bridge ended a call, as its `ended` status event records it. */
const END_REASONS = [
  "caller_hung_up",
  "agent_ended",
  "handed_off",
  "idle_timeout",
  "realtime_unavailable",
  "bridge_restarted",
  "busy",
  "no_answer",
  "failed",
  "canceled",
  "protocol_violation",
] as const satisfies readonly EndReason[];

const isEndReason = (detail: string | undefined): detail is EndReason =>
  END_REASONS.some((reason) => reason === detail);

const isCallStatus = (status: string): status is CallSummary["status"] =>
  CALL_STATUSES.some((known) => known === status);

/**
 * A `status` event in plain words. The bridge and Twilio's callbacks record developer codes
 * ("active: media stream started", "completed: twilio status callback"); the raw record stays
 * behind the feed's 「詳細」.
 */
export function statusNote(status: string, detail: string | undefined, t: DescribeT): string {
  switch (status) {
    case "initiated":
      return t("status.placed");
    case "active":
      return detail?.startsWith("legacy engine") ? t("status.legacyStarted") : t("status.started");
    case "ended":
      return isEndReason(detail)
        ? t("status.ended", { reason: t(`endReason.${detail}`) })
        : t("status.endedUnknown");
    case "reconnected":
      return t("status.reconnected");
    case "recorded":
      return t("status.recorded");
    case "machine":
      return t("status.machine");
    default:
      return isCallStatus(status)
        ? t("status.carrier", { status: t(`labels:status.${status}`) })
        : t("status.other");
  }
}
