import { Prisma } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  binValueMs,
  histogramPercentile,
  LAST_BIN,
  latencyBin,
  MAX_RELATIVE_ERROR,
  mergeLatencySums,
} from "./latency-histogram.ts";

/** A reproducible pseudo-random sequence (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Latencies from 1 ms to 9 minutes, log-uniform, with some bin edges themselves. */
function latencies(next: () => number, count: number): number[] {
  return Array.from({ length: count }, (_, i) =>
    i % 10 === 0 ? 1.05 ** Math.floor(next() * LAST_BIN) : Math.exp(next() * Math.log(540_000)),
  );
}

describe("the latency histogram", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(() => db.close());

  /** Bins the values in SQL, as the roll-up and the overview do, and asks SQL for the exact percentiles. */
  async function binned(values: number[]) {
    const [row] = await db.prisma.$queryRaw<
      { bins: number[]; binCounts: number[]; valueBins: number[]; p50: number; p95: number }[]
    >`
      WITH v AS (SELECT ms, ${latencyBin(Prisma.sql`ms`)} AS bin FROM unnest(${values}::float8[]) AS ms)
      SELECT (SELECT array_agg(bin ORDER BY bin) FROM (SELECT DISTINCT bin FROM v) b) AS bins,
             (SELECT array_agg(n ORDER BY bin) FROM (SELECT bin, count(*)::int AS n FROM v GROUP BY bin) b) AS "binCounts",
             (SELECT array_agg(bin ORDER BY ord) FROM (SELECT bin, row_number() OVER () AS ord FROM v) b) AS "valueBins",
             (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM v) AS p50,
             (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) FROM v) AS p95`;
    if (!row) throw new Error("no row");
    return row;
  }

  it("puts every latency from 1 ms to 9.6 minutes in a bin whose value is within the error bound", async () => {
    const values = latencies(random(1), 5_000);
    const { valueBins } = await binned(values);
    for (const [i, ms] of values.entries()) {
      const bin = valueBins[i] ?? -1;
      expect(bin).toBeGreaterThanOrEqual(0);
      expect(bin).toBeLessThanOrEqual(LAST_BIN);
      expect(Math.abs(binValueMs(bin) / ms - 1)).toBeLessThanOrEqual(MAX_RELATIVE_ERROR + 1e-9);
    }
  });

  it("gives P50 and P95 within the error bound of percentile_cont's, for samples large and small", async () => {
    expect(MAX_RELATIVE_ERROR).toBeCloseTo(0.0247, 4);
    const next = random(2);
    for (const size of [1, 2, 3, 7, 20, 101, 1_000, 10_000]) {
      const values = latencies(next, size).map((ms) => (size < 100 ? ms : 250 + (ms % 2_000)));
      const histogram = await binned(values);
      for (const [p, exact] of [
        [0.5, histogram.p50],
        [0.95, histogram.p95],
      ] as const) {
        const estimate = histogramPercentile(histogram, p);
        expect(Math.abs((estimate ?? 0) / exact - 1), `size ${size}, p ${p}`).toBeLessThanOrEqual(
          MAX_RELATIVE_ERROR + 1e-9,
        );
      }
    }
  });

  it("has no percentile without turns, and merges histograms bin by bin", () => {
    expect(histogramPercentile({ bins: [], binCounts: [] }, 0.5)).toBeNull();
    const merged = mergeLatencySums([
      { turns: 3, legacyTurns: 0, sumMs: 30, bins: [1, 4], binCounts: [1, 2] },
      { turns: 2, legacyTurns: 2, sumMs: 20, bins: [2, 4], binCounts: [1, 1] },
    ]);
    expect(merged).toEqual({ turns: 5, legacyTurns: 2, sumMs: 50, bins: [1, 2, 4], binCounts: [1, 1, 3] });
  });
});
