import { describe, expect, it } from "vitest";
import { createBridgeMetrics } from "../src/http/metrics.ts";
import { readOwnCounters } from "./bench-bridges.ts";

describe("Koe's own counters in the bench", () => {
  it("reads each from the bridge's metrics, summed over its labels", async () => {
    const metrics = createBridgeMetrics();
    metrics.framesDropped.inc({ direction: "in" }, 3);
    metrics.framesDropped.inc({ direction: "out" }, 2);
    metrics.framesDiscarded.inc({ reason: "interrupted" }, 5);
    metrics.framesDiscarded.inc({ reason: "call_ended" }, 1);
    metrics.reconnects.inc(4);
    expect(readOwnCounters(await metrics.registry.metrics())).toEqual({
      droppedIn: 3,
      droppedOut: 2,
      discarded: 6,
      reconnects: 4,
    });
  });

  it("reads zero for a counter that has counted nothing yet", async () => {
    expect(readOwnCounters(await createBridgeMetrics().registry.metrics())).toEqual({
      droppedIn: 0,
      droppedOut: 0,
      discarded: 0,
      reconnects: 0,
    });
  });
});
