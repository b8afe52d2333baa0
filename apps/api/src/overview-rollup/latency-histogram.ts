import { Prisma } from "@koe/db";

/**
 * The one place the latency histogram's bins are defined. Bin i holds the turn latencies in
 * [BIN_GROWTH^i, BIN_GROWTH^(i+1)) ms: log-spaced, each 5 % wider than the one before. Latencies
 * under 1 ms count in bin 0, those from BIN_GROWTH^LAST_BIN ms (about 9.6 minutes) in LAST_BIN.
 * A bin stands for its geometric middle, BIN_GROWTH^(i+½), which is within MAX_RELATIVE_ERROR
 * (√1.05 − 1 ≈ 2.47 %) of every latency in the bin; a percentile interpolated between two such
 * values, as percentile_cont interpolates between two latencies, is within the same relative error
 * of the exact one. Between 1 ms and 9.6 minutes, that is.
 */
export const BIN_GROWTH = 1.05;
export const LAST_BIN = 272;
export const MAX_RELATIVE_ERROR = Math.sqrt(BIN_GROWTH) - 1;

/** The bin of a latency in milliseconds (a float8 SQL expression), in SQL. */
export const latencyBin = (ms: Prisma.Sql) =>
  Prisma.sql`least(${Prisma.raw(String(LAST_BIN))}, floor(ln(greatest(${ms}, 1)) / ln(${Prisma.raw(String(BIN_GROWTH))}::float8)))::int`;

/** The latency a bin stands for. */
export const binValueMs = (bin: number) => BIN_GROWTH ** (bin + 0.5);

/** A histogram: the non-empty bins in ascending order and their counts. */
export type LatencyHistogram = { bins: number[]; binCounts: number[] };

/** Turn latency of a bucket or group: a histogram with the number of turns and their sum. */
export type LatencySums = LatencyHistogram & { turns: number; legacyTurns: number; sumMs: number };

/**
 * The p-quantile (0..1) the way percentile_cont computes it, the position p·(n−1) interpolated
 * between the two latencies either side, each taken as its bin's value. Null without turns.
 */
export function histogramPercentile(histogram: LatencyHistogram, p: number): number | null {
  const total = histogram.binCounts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const position = p * (total - 1);
  const below = Math.floor(position);
  const lower = nthValue(histogram, below);
  return lower + (position - below) * (nthValue(histogram, Math.min(below + 1, total - 1)) - lower);
}

/** The value of the n-th latency (0-based, ascending). */
function nthValue({ bins, binCounts }: LatencyHistogram, n: number): number {
  let seen = 0;
  for (const [i, bin] of bins.entries()) {
    seen += binCounts[i] ?? 0;
    if (n < seen) return binValueMs(bin);
  }
  return binValueMs(bins.at(-1) ?? 0);
}

/** The sums of several buckets or groups in one (the period's from its buckets). */
export function mergeLatencySums(parts: readonly LatencySums[]): LatencySums {
  const counts = new Map<number, number>();
  const merged = { turns: 0, legacyTurns: 0, sumMs: 0 };
  for (const part of parts) {
    merged.turns += part.turns;
    merged.legacyTurns += part.legacyTurns;
    merged.sumMs += part.sumMs;
    for (const [i, bin] of part.bins.entries())
      counts.set(bin, (counts.get(bin) ?? 0) + (part.binCounts[i] ?? 0));
  }
  const bins = [...counts.keys()].sort((a, b) => a - b);
  return { ...merged, bins, binCounts: bins.map((bin) => counts.get(bin) ?? 0) };
}

/** The figures the overview shows of a bucket's or group's turns. */
export function latencyFigures(sums: LatencySums) {
  return {
    turns: sums.turns,
    legacyTurns: sums.legacyTurns,
    avgMs: sums.turns > 0 ? sums.sumMs / sums.turns : null,
    p50Ms: histogramPercentile(sums, 0.5),
    p95Ms: histogramPercentile(sums, 0.95),
  };
}
