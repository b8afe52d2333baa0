import type { OwnCounters } from "./bench-bridges.ts";

/** One bridge's figures at one call count, as `bridge-bench.ts` measured them. */
export type BenchRow = {
  /** What Koe is measured against: the reference relay, or a second Koe bridge (`--baseline koe`). */
  bridge: "reference" | "koe" | "koe (baseline)";
  calls: number;
  /** Calls whose audio never reached the peer. */
  failed: number;
  /** Audio frames relayed (both ways) per second in the window: the load the bridge kept up with. */
  framesPerSecond: number;
  cpuUsPerFrame: number;
  /** The kernel's part of it. */
  sysUsPerFrame: number;
  /** Write syscalls per frame relayed: what coalescing writes saves, without the CPU time's noise. */
  writesPerFrame: number;
  inboundMs: number[];
  outboundMs: number[];
  lostIn: number;
  lostOut: number;
  idleRssMb: number;
  rssPerCallKb: number;
};

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const PERCENTILES = [50, 95, 99] as const;

function fixed(v: number, digits = 1): string {
  return Number.isFinite(v) ? v.toFixed(digits) : "–";
}

function ratio(koe: number, reference: number): string {
  if (reference === 0) return koe === 0 ? "1.00" : "∞";
  return fixed(koe / reference, 2);
}

function triple(format: (p: number) => string): string {
  return PERCENTILES.map(format).join(" / ");
}

function cells(r: BenchRow): string[] {
  return [
    String(r.calls),
    r.bridge,
    String(r.failed),
    fixed(r.framesPerSecond, 0),
    `${fixed(r.cpuUsPerFrame)} (${fixed(r.sysUsPerFrame)})`,
    fixed(r.writesPerFrame, 2),
    triple((p) => fixed(percentile(r.inboundMs, p))),
    triple((p) => fixed(percentile(r.outboundMs, p))),
    `${r.lostIn} / ${r.lostOut}`,
    fixed(r.idleRssMb),
    fixed(r.rssPerCallKb),
  ];
}

function ratioCells(koe: BenchRow, base: BenchRow): string[] {
  const latency = (k: number[], f: number[]) => triple((p) => ratio(percentile(k, p), percentile(f, p)));
  return [
    String(koe.calls),
    `**koe / ${base.bridge}**`,
    ratio(koe.failed, base.failed),
    ratio(koe.framesPerSecond, base.framesPerSecond),
    `${ratio(koe.cpuUsPerFrame, base.cpuUsPerFrame)} (${ratio(koe.sysUsPerFrame, base.sysUsPerFrame)})`,
    ratio(koe.writesPerFrame, base.writesPerFrame),
    latency(koe.inboundMs, base.inboundMs),
    latency(koe.outboundMs, base.outboundMs),
    `${ratio(koe.lostIn, base.lostIn)} / ${ratio(koe.lostOut, base.lostOut)}`,
    ratio(koe.idleRssMb, base.idleRssMb),
    ratio(koe.rssPerCallKb, base.rssPerCallKb),
  ];
}

export const TABLE_HEADER = [
  "| calls | bridge | failed | frames/s | CPU µs/frame (sys) | writes/frame | frame in (Twilio→OpenAI) ms | frame out (OpenAI→Twilio) ms | frames lost in / out | idle RSS MB | RSS KB/call |",
  "|---:|---|---:|---:|---:|---:|---|---|---|---:|---:|",
].join("\n");

/** One call count's rows of the Markdown table: the baseline (the reference), Koe, then their ratio. */
export function formatRows(baseline: BenchRow, koe: BenchRow): string {
  return [cells(baseline), cells(koe), ratioCells(koe, baseline)]
    .map((c) => `| ${c.join(" | ")} |`)
    .join("\n");
}

/** A bridge's own counts under its row: where the frames it did not relay went. */
export function formatOwnCounters(bridge: BenchRow["bridge"], calls: number, c: OwnCounters): string {
  return (
    `  ${bridge} at ${calls} calls, its own counts: frames dropped ${c.droppedIn} in / ` +
    `${c.droppedOut} out, discarded on purpose ${c.discarded}, OpenAI sockets replaced ${c.reconnects}`
  );
}

/** A bridge's resident memory under load, in KB. */
function loadedRssKb(row: BenchRow): number {
  return row.idleRssMb * 1024 + row.rssPerCallKb * row.calls;
}

/**
 * What each added call costs in RSS between two call counts: the difference of the median loaded
 * RSS at each, per call. Unlike `rssPerCallKb` (loaded against idle), it leaves out what any load
 * costs once: V8's young generation growing to its full size, code compiled for the hot path.
 */
export function rssPerAddedCallKb(
  rows: BenchRow[],
  bridge: BenchRow["bridge"],
  from: number,
  to: number,
): number {
  const median = (calls: number) => {
    const loaded = rows
      .filter((row) => row.bridge === bridge && row.calls === calls)
      .map(loadedRssKb)
      .toSorted((a, b) => a - b);
    return loaded[Math.floor(loaded.length / 2)] ?? Number.NaN;
  };
  return (median(to) - median(from)) / (to - from);
}
