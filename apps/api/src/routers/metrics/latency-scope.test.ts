import { describe, expect, it } from "vitest";
import { latencyScope } from "./latency-scope.ts";

describe("latency scope", () => {
  it("says which turns the latency covers and whether the targets apply", () => {
    expect(latencyScope(0, 0)).toEqual({ scope: null, comparableToTargets: false, note: null });
    expect(latencyScope(5, 0)).toEqual({
      scope: "speech_end_to_first_audio",
      comparableToTargets: true,
      note: null,
    });
    expect(latencyScope(5, 5)).toMatchObject({ scope: "bridge_processing_only", comparableToTargets: false });
    expect(latencyScope(5, 2)).toMatchObject({ scope: "mixed", comparableToTargets: false });
    expect(latencyScope(5, 2).note).toContain("混在");
  });
});
