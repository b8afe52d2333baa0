import { collectDefaultMetrics, Registry } from "prom-client";

/** Prometheus registry of one bridge process, with Node's default process metrics. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app: "koe-bridge" });
  collectDefaultMetrics({ register: registry });
  return registry;
}
