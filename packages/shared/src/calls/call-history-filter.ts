import { z } from "zod";
import { CALL_OUTCOMES } from "../analysis/call-analysis.ts";
import { ENGINE_NAMES } from "../routing/engine-rule.ts";

/** A call's state (Prisma's `CallStatus`, checked in @koe/db). */
export const CALL_STATUS_NAMES = [
  "initiated",
  "ringing",
  "active",
  "completed",
  "busy",
  "no_answer",
  "failed",
  "canceled",
  "interrupted",
] as const;
export type CallStatusName = (typeof CALL_STATUS_NAMES)[number];

/**
 * Which calls of the history to show: the one filter the history page, its URL and the CSV export
 * share. Every field is optional; absent means any.
 */
export const callHistoryFilterSchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    agentId: z.uuid().optional(),
    engine: z.enum(ENGINE_NAMES).optional(),
    status: z.enum(CALL_STATUS_NAMES).optional(),
    /** true: only calls handed to an operator; false: only calls that were not. */
    handoff: z.boolean().optional(),
    /** From the post-call analysis; calls not analysed yet match no outcome. */
    outcome: z.enum(CALL_OUTCOMES).optional(),
  })
  .refine((i) => !i.from || !i.to || new Date(i.from) < new Date(i.to), {
    message: "from must be before to",
    path: ["to"],
  });
export type CallHistoryFilter = z.infer<typeof callHistoryFilterSchema>;

/** The period presets of the history page, counted back from when the page was opened. */
export const HISTORY_PERIODS = ["today", "7d", "30d", "all"] as const;
export type HistoryPeriod = (typeof HISTORY_PERIODS)[number];
export const DEFAULT_HISTORY_PERIOD: HistoryPeriod = "30d";

/**
 * The history's filters as URL search params (`/calls?period=7d&outcome=booked`), so a filtered
 * view can be bookmarked and shared. A value that does not parse (an old or edited link) is
 * dropped rather than failing the page.
 */
export const callHistorySearchSchema = z.object({
  period: z.enum(HISTORY_PERIODS).catch(DEFAULT_HISTORY_PERIOD).default(DEFAULT_HISTORY_PERIOD),
  agent: z.uuid().optional().catch(undefined),
  engine: z.enum(ENGINE_NAMES).optional().catch(undefined),
  status: z.enum(CALL_STATUS_NAMES).optional().catch(undefined),
  handoff: z.enum(["yes", "no"]).optional().catch(undefined),
  outcome: z.enum(CALL_OUTCOMES).optional().catch(undefined),
});
export type CallHistorySearch = z.infer<typeof callHistorySearchSchema>;

export function parseCallHistorySearch(params: URLSearchParams): CallHistorySearch {
  return callHistorySearchSchema.parse(Object.fromEntries(params));
}

/** Search params for `search`, leaving out what is at its default so links stay short. */
export function callHistorySearchParams(search: CallHistorySearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || (key === "period" && value === DEFAULT_HISTORY_PERIOD)) continue;
    params.set(key, value);
  }
  return params;
}

const DAY_MS = 86_400_000;

/**
 * The filter a URL's search stands for, the period counted back from `now` ("today" from the
 * start of `now`'s day in the viewer's local time, as the page shows it).
 */
export function callHistoryFilterFromSearch(search: CallHistorySearch, now: Date): CallHistoryFilter {
  const from =
    search.period === "today"
      ? new Date(now.getFullYear(), now.getMonth(), now.getDate())
      : search.period === "7d"
        ? new Date(now.getTime() - 7 * DAY_MS)
        : search.period === "30d"
          ? new Date(now.getTime() - 30 * DAY_MS)
          : null;
  return {
    ...(from ? { from: from.toISOString() } : {}),
    ...(search.agent ? { agentId: search.agent } : {}),
    ...(search.engine ? { engine: search.engine } : {}),
    ...(search.status ? { status: search.status } : {}),
    ...(search.handoff ? { handoff: search.handoff === "yes" } : {}),
    ...(search.outcome ? { outcome: search.outcome } : {}),
  };
}
