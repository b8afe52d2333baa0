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

export type MetricCheck = {
  value: number | null;
  target: (typeof METRIC_TARGETS)[MetricName];
  /** null when there is nothing to measure in the period. */
  met: boolean | null;
};

export function check(name: MetricName, value: number | null): MetricCheck {
  const target = METRIC_TARGETS[name];
  if (value === null) return { value, target, met: null };
  const met =
    target.comparison === "<"
      ? value < target.value
      : target.comparison === "<="
        ? value <= target.value
        : target.comparison === ">"
          ? value > target.value
          : value >= target.value;
  return { value, target, met };
}
