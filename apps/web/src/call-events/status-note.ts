import type { CallSummary } from "../lib/api-types.ts";
import { CALL_STATUSES } from "../lib/labels.ts";
import type { DescribeT } from "./describe-event.ts";

type EndReason = NonNullable<CallSummary["endReason"]>;

/**
 * Why the bridge ended a call, as its `ended` status event records it. A record, not a list, so
 * that an end reason added to the schema is a type error here until it is worded.
 */
const END_REASONS: Record<EndReason, true> = {
  caller_hung_up: true,
  agent_ended: true,
  handed_off: true,
  idle_timeout: true,
  realtime_unavailable: true,
  bridge_restarted: true,
  busy: true,
  no_answer: true,
  failed: true,
  canceled: true,
  protocol_violation: true,
  realtime_refused: true,
  peer_stalled: true,
  call_fault: true,
};

const isEndReason = (detail: string | undefined): detail is EndReason =>
  detail !== undefined && Object.hasOwn(END_REASONS, detail);

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
