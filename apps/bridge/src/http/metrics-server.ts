import { createServer, type Server } from "node:http";
import type { BridgeMetrics } from "./metrics.ts";

/**
 * Serves GET /metrics (Prometheus text format) on its own port, bound to loopback by default
 * (BRIDGE_METRICS_HOST/PORT): never on the origin Twilio and the internet reach.
 */
export function createMetricsServer(metrics: BridgeMetrics): Server {
  return createServer((req, res) => {
    if (req.method !== "GET" || new URL(req.url ?? "/", "http://metrics").pathname !== "/metrics") {
      res.writeHead(404, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ error: "only GET /metrics is served here" }));
    }
    void metrics.registry.metrics().then((text) => {
      res.writeHead(200, { "content-type": metrics.registry.contentType });
      res.end(text);
    });
  });
}
