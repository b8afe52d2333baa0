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
    }),
    [t],
  );
}
