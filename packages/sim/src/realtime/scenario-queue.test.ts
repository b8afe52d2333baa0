import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SCENARIOS } from "../scenarios/fixtures.ts";
import { ReferenceClient } from "../testing/reference-client.ts";
import { RealtimeSimulator } from "./realtime-simulator.ts";

describe("queued scenarios", () => {
  let sim: RealtimeSimulator;
  beforeAll(async () => {
    sim = await RealtimeSimulator.start();
  });
  afterAll(() => sim.close());

  it("gives each queued scenario to one new session, in order, then the default again", async () => {
    const taken = sim.queueScenario(SCENARIOS.handoff);
    const control = new URL("/scenario-queue", sim.url.replace(/^ws/, "http"));
    const answered = fetch(control, {
      method: "POST",
      body: JSON.stringify({ scenario: SCENARIOS["customer-lookup"] }),
    });
    const clients = [];
    for (let i = 0; i < 3; i++) {
      clients.push(await ReferenceClient.connect(sim.url));
      await sim.session(i);
    }
    await taken;
    const response = await answered;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ scenario: "customer-lookup" });
    expect(sim.sessions.map((s) => s.scenario.name)).toEqual(["handoff", "customer-lookup", "booking"]);
    await Promise.all(clients.map((client) => client.close()));
  });

  it("withdraws a scenario queued over HTTP when the client gives up", async () => {
    const control = new URL("/scenario-queue", sim.url.replace(/^ws/, "http"));
    const gaveUp = new AbortController();
    const request = fetch(control, {
      method: "POST",
      body: JSON.stringify({ scenario: SCENARIOS.handoff }),
      signal: gaveUp.signal,
    }).catch(() => "aborted");
    await vi.waitFor(() => expect(sim.queuedScenarioCount).toBe(1));
    gaveUp.abort();
    expect(await request).toBe("aborted");
    await vi.waitFor(() => expect(sim.queuedScenarioCount).toBe(0));
  });

  it("withdraws a queued scenario when its signal aborts", async () => {
    const abort = new AbortController();
    const queued = sim.queueScenario(SCENARIOS.handoff, abort.signal);
    abort.abort(new Error("gave up"));
    await expect(queued).rejects.toThrow("gave up");
    const index = sim.sessions.length;
    const client = await ReferenceClient.connect(sim.url);
    const session = await sim.session(index);
    expect(session.scenario.name).toBe("booking");
    await client.close();
  });
});
