import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chooseEngine, rolloutBucket } from "./engine-choice.ts";

const callSid = () => `CA${randomBytes(16).toString("hex")}`;
const SIDS = Array.from({ length: 10_000 }, callSid);

describe("engine choice", () => {
  // flag × toggle × percentage: the share of 10,000 new calls on the Realtime API, and why.
  const table = [false, true].flatMap((killSwitchOn) =>
    [false, true].flatMap((agentRealtimeEnabled) =>
      [0, 1, 10, 50, 100].map((rolloutPercentage) => ({
        killSwitchOn,
        agentRealtimeEnabled,
        rolloutPercentage,
      })),
    ),
  );
  it.each(table)("flag $killSwitchOn, toggle $agentRealtimeEnabled, $rolloutPercentage %", (row) => {
    const choices = SIDS.map((sid) => chooseEngine({ callSid: sid, ...row }));
    const realtime = choices.filter((c) => c.engine === "realtime").length / SIDS.length;
    const reasons = new Set(choices.map((c) => c.reason));
    if (!row.killSwitchOn) {
      expect(realtime).toBe(0);
      expect(reasons).toEqual(new Set(["kill_switch_off"]));
    } else if (!row.agentRealtimeEnabled) {
      expect(realtime).toBe(0);
      expect(reasons).toEqual(new Set(["agent_realtime_disabled"]));
    } else {
      expect(Math.abs(realtime - row.rolloutPercentage / 100)).toBeLessThanOrEqual(0.02);
      for (const c of choices)
        expect(c.reason).toBe(
          c.engine === "realtime" ? "rollout_bucket_included" : "rollout_bucket_excluded",
        );
    }
  });

  it("puts a call in the same bucket every time", () => {
    const sid = callSid();
    expect(new Set(Array.from({ length: 5 }, () => rolloutBucket(sid))).size).toBe(1);
  });

  it("only adds calls as the percentage grows (1 → 10 → 50 → 100): a call on the Realtime API stays on it", () => {
    const on = (percentage: number) => new Set(SIDS.filter((sid) => rolloutBucket(sid) < percentage));
    const steps = [1, 10, 50, 100].map(on);
    for (const [i, step] of steps.entries()) {
      const next = steps[i + 1];
      if (next) for (const sid of step) expect(next.has(sid)).toBe(true);
    }
    expect(steps.at(-1)?.size).toBe(SIDS.length);
  });
});
