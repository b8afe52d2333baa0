import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chooseEngine, rolloutBucket } from "./engine-choice.ts";

const callSid = () => `CA${randomBytes(16).toString("hex")}`;

describe("engine choice", () => {
  it("follows kill switch → agent toggle → rollout bucket", () => {
    const base = { callSid: "CA1", killSwitchOn: true, agentRealtimeEnabled: true, rolloutPercentage: 100 };
    expect(chooseEngine({ ...base, killSwitchOn: false })).toEqual({
      engine: "legacy",
      reason: "kill_switch_off",
    });
    expect(chooseEngine({ ...base, agentRealtimeEnabled: false })).toEqual({
      engine: "legacy",
      reason: "agent_realtime_disabled",
    });
    expect(chooseEngine(base)).toEqual({ engine: "realtime", reason: "rollout_bucket_included" });
    expect(chooseEngine({ ...base, rolloutPercentage: 0 })).toEqual({
      engine: "legacy",
      reason: "rollout_bucket_excluded",
    });
  });

  it("puts a call in the same bucket every time", () => {
    const sid = callSid();
    expect(new Set(Array.from({ length: 5 }, () => rolloutBucket(sid))).size).toBe(1);
  });

  it("splits 10,000 calls within ±2 % of each percentage", () => {
    const sids = Array.from({ length: 10_000 }, callSid);
    for (const percentage of [1, 10, 50]) {
      const realtime = sids.filter((sid) => rolloutBucket(sid) < percentage).length;
      expect(Math.abs(realtime / sids.length - percentage / 100)).toBeLessThanOrEqual(0.02);
    }
  });
});
