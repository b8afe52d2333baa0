import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "./testing/bridge-harness.ts";

describe("bridge HTTP server", () => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness();
  });
  afterAll(() => bridge.close());

  it("answers /healthz with the database round trip", async () => {
    const res = await fetch(`${bridge.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true }, activeCalls: 0 });
  });

  it("serves Prometheus metrics", async () => {
    const res = await fetch(`${bridge.url}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total{app="koe-bridge"}');
    expect(text).toContain("koe_turn_latency_seconds_bucket");
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await fetch(`${bridge.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "no route for GET /nope" });
  });
});
