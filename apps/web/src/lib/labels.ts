import type { CallOutcomeName, CallSentimentName } from "@koe/shared";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { CallSummary, SessionMe } from "./api-types.ts";

type CallStatus = CallSummary["status"];
type Engine = NonNullable<CallSummary["engine"]>;

export const ENGINES: readonly Engine[] = ["realtime", "legacy"];

export const STATUS_COLORS: Record<CallStatus, string> = {
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

/** Every call status, in the order the filters list them. */
export const CALL_STATUSES = Object.keys(STATUS_COLORS) as CallStatus[];

export const OUTCOME_COLORS: Record<CallOutcomeName, string> = {
  booked: "green",
  rescheduled: "teal",
  cancelled: "grape",
  info_provided: "blue",
  handed_off: "orange",
  caller_dropped: "gray",
  voicemail: "gray",
  other: "gray",
};

export const SENTIMENT_COLORS: Record<CallSentimentName, string> = {
  positive: "green",
  neutral: "gray",
  negative: "red",
};

/** Names of the api's enums in the chosen language, for badges, tables and filters. */
export function useLabels() {
  const { t } = useTranslation("labels");
  return useMemo(
    () => ({
      /** An outbound call has no engine until the customer answers (the bridge decides then). */
      engine: (engine: CallSummary["engine"]) => t(`engine.${engine ?? "pending"}`),
      status: (status: CallStatus) => t(`status.${status}`),
      direction: (direction: CallSummary["direction"]) => t(`direction.${direction}`),
      handoffBy: (by: NonNullable<CallSummary["handoffBy"]>) => t(`handoffBy.${by}`),
      role: (role: SessionMe["role"]) => t(`role.${role}`),
      /** null: not analysed (yet). */
      outcome: (outcome: CallOutcomeName | null) => t(`outcome.${outcome ?? "none"}`),
      sentiment: (sentiment: CallSentimentName) => t(`sentiment.${sentiment}`),
    }),
    [t],
  );
}
