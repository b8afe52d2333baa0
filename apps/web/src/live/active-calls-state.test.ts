import { describe, expect, it } from "vitest";
import type { CallSummary } from "../lib/api-types.ts";
import { applyActiveCallsMessage, isNewAiHandoff } from "./active-calls-state.ts";

const call = (id: string, startedAt: string, changes: Partial<CallSummary> = {}) =>
  ({ id, startedAt, status: "active", handoffAt: null, handoffBy: null, ...changes }) as CallSummary;

describe("the live list of active calls", () => {
  it("starts from the snapshot, adds and updates calls in start order, and drops ended ones", () => {
    let calls = applyActiveCallsMessage([], { kind: "snapshot", calls: [call("b", "2026-11-20T09:02:00Z")] });
    calls = applyActiveCallsMessage(calls, { kind: "started", call: call("a", "2026-11-20T09:01:00Z") });
    expect(calls.map((c) => c.id)).toEqual(["a", "b"]);
    calls = applyActiveCallsMessage(calls, {
      kind: "updated",
      call: call("b", "2026-11-20T09:02:00Z", { status: "ringing" }),
    });
    expect(calls.map((c) => [c.id, c.status])).toEqual([
      ["a", "active"],
      ["b", "ringing"],
    ]);
    calls = applyActiveCallsMessage(calls, { kind: "ended", call: call("a", "2026-11-20T09:01:00Z") });
    expect(calls.map((c) => c.id)).toEqual(["b"]);
  });

  it("raises a handoff alert once, when the AI asks for an operator", () => {
    const before = [call("a", "2026-11-20T09:01:00Z")];
    const handedOff = call("a", "2026-11-20T09:01:00Z", {
      handoffAt: "2026-11-20T09:03:00Z",
      handoffBy: "ai",
    });
    const none = new Set<string>();
    expect(isNewAiHandoff(before, { kind: "updated", call: handedOff }, none)).toBe(true);
    expect(isNewAiHandoff([handedOff], { kind: "updated", call: handedOff }, none)).toBe(false);
    const byOperator = { ...handedOff, handoffBy: "operator" as const };
    expect(isNewAiHandoff(before, { kind: "updated", call: byOperator }, none)).toBe(false);
    // The call has left the list, and another ending arrives for it: already announced.
    expect(isNewAiHandoff([], { kind: "ended", call: handedOff }, new Set(["a"]))).toBe(false);
    // A page reloaded after the call left the list hears of it only as an ending: nothing to announce.
    expect(isNewAiHandoff([], { kind: "ended", call: handedOff }, none)).toBe(false);
    // A call handed off before this page first listed it still rings when it arrives live.
    expect(isNewAiHandoff([], { kind: "started", call: handedOff }, none)).toBe(true);
  });
});
