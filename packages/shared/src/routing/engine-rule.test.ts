import { describe, expect, it } from "vitest";
import { engineForNewCalls } from "./engine-rule.ts";

describe("engine for an agent's new calls", () => {
  it("follows the kill switch, then the agent's toggle, then the rollout share", () => {
    const at = (killSwitchOn: boolean, agentRealtimeEnabled: boolean, rolloutPercentage: number) =>
      engineForNewCalls({ killSwitchOn, agentRealtimeEnabled, rolloutPercentage });
    expect(at(false, true, 100)).toBe("legacy");
    expect(at(true, false, 100)).toBe("legacy");
    expect(at(true, true, 0)).toBe("legacy");
    expect(at(true, true, 1)).toBe("split");
    expect(at(true, true, 99)).toBe("split");
    expect(at(true, true, 100)).toBe("realtime");
  });
});
