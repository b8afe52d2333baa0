import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { TalliedCounter } from "./tallied-counter.ts";

describe("a tallied counter", () => {
  it("shows every increment at each scrape, and keeps the total across scrapes", async () => {
    const registry = new Registry();
    const frames = new TalliedCounter({
      name: "koe_test_frames_total",
      help: "frames",
      registers: [registry],
    });
    for (let i = 0; i < 3; i++) frames.inc();
    expect(await registry.getSingleMetricAsString("koe_test_frames_total")).toContain(
      "koe_test_frames_total 3",
    );
    expect(await registry.getSingleMetricAsString("koe_test_frames_total")).toContain(
      "koe_test_frames_total 3",
    );
    frames.inc();
    frames.inc();
    expect(await registry.getSingleMetricAsString("koe_test_frames_total")).toContain(
      "koe_test_frames_total 5",
    );
  });
});
