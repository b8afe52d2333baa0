import { describe, expect, it } from "vitest";
import { type BenchRow, formatRows, rssPerAddedCallKb } from "./relay-table.ts";

function row(bridge: BenchRow["bridge"], calls: number, idleRssMb: number, loadedRssMb: number): BenchRow {
  return {
    bridge,
    calls,
    failed: 0,
    framesPerSecond: 0,
    cpuUsPerFrame: 0,
    sysUsPerFrame: 0,
    writesPerFrame: 0,
    inboundMs: [],
    outboundMs: [],
    lostIn: 0,
    lostOut: 0,
    idleRssMb,
    rssPerCallKb: ((loadedRssMb - idleRssMb) * 1024) / calls,
  };
}

describe("RSS per added call", () => {
  it("is the rise in median loaded RSS between two call counts, per call, whatever each start's idle RSS", () => {
    const rows = [
      // Each bridge's fixed cost of any load (100 → 120 MB) is not an added call's.
      row("koe", 100, 100, 120),
      row("koe", 100, 110, 125),
      row("koe", 100, 90, 190),
      row("koe", 400, 100, 150),
      row("koe", 400, 105, 148),
      row("koe", 400, 95, 160),
      row("reference", 100, 90, 100),
      row("reference", 400, 90, 130),
    ];
    // Koe: median loaded RSS 125 MB at 100 calls and 150 MB at 400: 25 MB over 300 calls.
    expect(rssPerAddedCallKb(rows, "koe", 100, 400)).toBeCloseTo((25 * 1024) / 300);
    expect(rssPerAddedCallKb(rows, "reference", 100, 400)).toBeCloseTo((30 * 1024) / 300);
  });

  it("is not a number when a call count was not measured", () => {
    expect(rssPerAddedCallKb([row("koe", 100, 100, 120)], "koe", 100, 400)).toBeNaN();
  });
});

describe("the table's rows", () => {
  it("name the ratio after the baseline: the reference, or a second Koe with --baseline koe", () => {
    const label = (rows: string) => rows.split("\n").map((line) => line.split("|")[2]?.trim());
    expect(label(formatRows(row("reference", 100, 90, 100), row("koe", 100, 140, 150)))).toEqual([
      "reference",
      "koe",
      "**koe / reference**",
    ]);
    expect(label(formatRows(row("koe (baseline)", 100, 140, 150), row("koe", 100, 140, 150)))).toEqual([
      "koe (baseline)",
      "koe",
      "**koe / koe (baseline)**",
    ]);
  });
});
