import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../testing/manual-clock.ts";
import { ReferenceClient } from "../testing/reference-client.ts";
import type { Faults, SessionRefusalCode } from "./faults.ts";
import { RealtimeSimulator } from "./realtime-simulator.ts";

describe("fault injection", () => {
  const clock = new ManualClock();
  let sim: RealtimeSimulator;
  beforeAll(async () => {
    sim = await RealtimeSimulator.start({ clock });
  });
  afterAll(() => sim.close());

  it.each([
    ["invalid_api_key", "invalid_request_error", 1008],
    ["insufficient_quota", "insufficient_quota", 1008],
    ["rate_limit_exceeded", "requests", 1008],
    ["server_error", "server_error", 1011],
  ] as const)("refuses a session with %s: an error event, then a close", async (code, type, closeCode) => {
    sim.faults.refuseSession = { code: code as SessionRefusalCode, remaining: 1 };
    const client = await ReferenceClient.connect(sim.url);
    const closed = client.closed;
    expect((await client.next("error")).error).toMatchObject({ type, code });
    expect((await closed).code).toBe(closeCode);
    expect(client.events.some((e) => e.type === "session.created")).toBe(false);
    const next = await ReferenceClient.connect(sim.url);
    await next.next("session.created");
    await next.close();
  });

  it("drops the socket mid-response, after a given number of audio deltas", async () => {
    sim.faults.dropSocket = { afterAudioDeltas: 3 };
    const client = await ReferenceClient.connect(sim.url);
    const closed = client.closed;
    client.send({ type: "response.create" });
    expect((await closed).code).toBe(1006);
    expect(client.events.filter((e) => e.type === "response.output_audio.delta")).toHaveLength(3);
    expect(client.events.some((e) => e.type === "response.done")).toBe(false);
  });

  it("ends a session with session_expired after the set time, as the 60-minute cap does", async () => {
    sim.faults.sessionExpiresAfterMs = 5_000;
    const client = await ReferenceClient.connect(sim.url);
    await client.next("session.created");
    sim.faults.sessionExpiresAfterMs = undefined;
    const closed = client.closed;
    clock.advance(5_000);
    expect((await client.next("error")).error.code).toBe("session_expired");
    expect((await closed).code).toBe(1000);
  });

  it("applies one session's own faults to that session only", async () => {
    const faulty = await ReferenceClient.connect(sim.url);
    await faulty.next("session.created");
    const session = await sim.session(sim.sessions.length - 1);
    session.faults = {
      errorOn: { clientEvent: "session.update", code: "server_error", message: "x", remaining: 1 },
    };
    const healthy = await ReferenceClient.connect(sim.url);
    await healthy.next("session.created");
    for (const client of [faulty, healthy])
      client.send({ type: "session.update", session: { type: "realtime" } });
    expect((await faulty.next("error")).error.message).toBe("x");
    await healthy.next("session.updated");
    await faulty.close();
    await healthy.close();
  });
});

describe("seeded network faults", () => {
  /** The event types one session receives for a greeting under these faults and this seed. */
  async function greetingUnder(faults: Faults, seed: number) {
    const sim = await RealtimeSimulator.start({ seed, audioPace: 50 });
    sim.faults = faults;
    const client = await ReferenceClient.connect(sim.url);
    client.send({ type: "response.create" });
    await client.next("response.done");
    await client.close();
    await sim.close();
    return client.events;
  }

  const noisy: Faults = {
    eventJitterMs: 3,
    reorderProbability: 0.3,
    sparseFieldsProbability: 0.3,
    unknownEventProbability: 0.1,
  };

  it("reorders events the API does not order between themselves", async () => {
    const types = (await greetingUnder({ reorderProbability: 1 }, 1)).map((e) => e.type);
    expect(types.indexOf("conversation.item.added")).toBeLessThan(
      types.indexOf("response.output_item.added"),
    );
    expect(types.indexOf("conversation.item.done")).toBeLessThan(types.indexOf("response.output_item.done"));
    expect(types.slice(0, 2)).toEqual(["session.created", "response.created"]);
  });

  it("sends unknown event types and events with optional fields absent or null, the same for the same seed", async () => {
    const first = await greetingUnder(noisy, 42);
    const types = first.map((e) => e.type as string);
    const known = await greetingUnder({}, 42);
    expect(types.some((t) => !known.some((e) => e.type === t))).toBe(true);
    const sparse = first.some(
      (e) =>
        ((e.type === "conversation.item.added" || e.type === "conversation.item.done") &&
          e.previous_item_id === null) ||
        (e.type === "response.output_item.added" && !("object" in e.item)) ||
        (e.type === "response.done" && !("usage" in e.response)),
    );
    expect(sparse).toBe(true);
    const again = await greetingUnder(noisy, 42);
    expect(again.map((e) => e.type)).toEqual(types);
  });
});
