import { describe, expect, it } from "vitest";
import {
  callHistoryFilterFromSearch,
  callHistoryFilterSchema,
  callHistorySearchParams,
  parseCallHistorySearch,
} from "./call-history-filter.ts";

const AGENT = "00000000-0000-4000-8000-000000000001";

describe("the history's filters in the URL", () => {
  it("round-trips every filter through search params, leaving defaults out", () => {
    const search = parseCallHistorySearch(
      new URLSearchParams(
        `period=7d&agent=${AGENT}&engine=legacy&status=completed&handoff=no&outcome=booked`,
      ),
    );
    expect(search).toEqual({
      period: "7d",
      agent: AGENT,
      engine: "legacy",
      status: "completed",
      handoff: "no",
      outcome: "booked",
    });
    expect(parseCallHistorySearch(callHistorySearchParams(search))).toEqual(search);
    expect(callHistorySearchParams({ period: "30d", outcome: "voicemail" }).toString()).toBe(
      "outcome=voicemail",
    );
  });

  it("drops what an old or edited link gets wrong instead of failing the page", () => {
    expect(
      parseCallHistorySearch(new URLSearchParams("period=year&outcome=won&agent=x&engine=realtime")),
    ).toEqual({
      period: "30d",
      engine: "realtime",
    });
  });

  it("turns a search into the api's filter, the period counted back from now", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const filter = callHistoryFilterFromSearch({ period: "7d", handoff: "yes", outcome: "handed_off" }, now);
    expect(filter).toEqual({ from: "2026-11-21T12:00:00.000Z", handoff: true, outcome: "handed_off" });
    expect(callHistoryFilterSchema.parse(filter)).toEqual(filter);
    expect(callHistoryFilterFromSearch({ period: "all" }, now)).toEqual({});
  });
});
