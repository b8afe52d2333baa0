/** The goals the metrics page sets beside each number (from the product brief). */
export const METRIC_TARGETS = {
  latencyAvgMs: { comparison: "<", value: 500 },
  latencyP95Ms: { comparison: "<", value: 800 },
  accuracy: { comparison: ">", value: 0.95 },
  completionRate: { comparison: ">=", value: 0.8 },
  handoffRate: { comparison: "<", value: 0.15 },
  avgCostUsd: { comparison: "<=", value: 0.5 },
} as const;

export type MetricName = keyof typeof METRIC_TARGETS;

/**
 * Below this many samples (calls, or turns for latency) a figure is shown but not judged: a
 * handful of calls can make 100 % out of luck.
 */
export const MIN_SAMPLE_SIZE = 30;

export type MetricCheck = {
  value: number | null;
  target: (typeof METRIC_TARGETS)[MetricName];
  /** How many calls (turns, for latency) the value comes from. */
  sampleSize: number;
  /** Whether `sampleSize` reaches MIN_SAMPLE_SIZE, so that `met` means something. */
  enoughSamples: boolean;
  /** null when there is nothing to measure, too little of it, or the value does not measure what the target does. */
  met: boolean | null;
};

/** `value` against its target; `comparable: false` for a figure that measures something else. */
export function check(
  name: MetricName,
  value: number | null,
  sampleSize: number,
  comparable = true,
): MetricCheck {
  const target = METRIC_TARGETS[name];
  const enoughSamples = sampleSize >= MIN_SAMPLE_SIZE;
  const judged = value !== null && enoughSamples && comparable;
  return { value, target, sampleSize, enoughSamples, met: judged ? meets(target, value) : null };
}

function meets(target: (typeof METRIC_TARGETS)[MetricName], value: number): boolean {
  switch (target.comparison) {
    case "<":
      return value < target.value;
    case "<=":
      return value <= target.value;
    case ">":
      return value > target.value;
    case ">=":
      return value >= target.value;
  }
}
