import { describe, expect, it } from "vitest";
import { check, MIN_SAMPLE_SIZE } from "./targets.ts";

describe("check", () => {
  it("judges a value against its target once there are enough samples", () => {
    expect(check("latencyP95Ms", 799, MIN_SAMPLE_SIZE)).toMatchObject({ met: true, enoughSamples: true });
    expect(check("latencyP95Ms", 800, MIN_SAMPLE_SIZE)).toMatchObject({ met: false });
    expect(check("completionRate", 0.8, MIN_SAMPLE_SIZE)).toMatchObject({ met: true });
    expect(check("accuracy", 0.95, MIN_SAMPLE_SIZE)).toMatchObject({ met: false });
  });

  it("does not judge a handful of calls, a figure that measures something else, or nothing", () => {
    expect(check("completionRate", 1, 3)).toMatchObject({
      value: 1,
      sampleSize: 3,
      enoughSamples: false,
      met: null,
    });
    expect(check("latencyAvgMs", 32, 100, false)).toMatchObject({ value: 32, met: null });
    expect(check("handoffRate", null, 0)).toMatchObject({ met: null });
  });
});
