import type { Base64Audio } from "@koe/shared";
import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createBridgeMetrics } from "../http/metrics.ts";
import { ProviderRefusal } from "../realtime/provider-refusal.ts";
import type { RealtimeTransport, TransportListeners } from "../realtime/realtime-transport.ts";
import { ConversationMemory } from "./conversation-memory.ts";
import { ProviderConnection } from "./provider-connection.ts";
import { backoffDelayMs, type ReconnectPolicy, ReconnectSlots } from "./reconnect-policy.ts";

/** A provider socket whose `connect` fails with the scripted errors, then opens. */
class ScriptedTransport implements RealtimeTransport {
  readonly sent: RealtimeClientEvent[] = [];
  bufferedBytes = 0;
  private readonly failure: Error | undefined;
  private readonly listeners: { [K in keyof TransportListeners]: TransportListeners[K][] } = {
    event: [],
    close: [],
  };

  constructor(failure: Error | undefined) {
    this.failure = failure;
  }

  async connect(): Promise<void> {
    if (this.failure) throw this.failure;
  }

  send(event: RealtimeClientEvent): boolean {
    this.sent.push(event);
    return true;
  }

  appendAudio(audio: Base64Audio): boolean {
    return this.send({ type: "input_audio_buffer.append", audio });
  }

  close(): void {}

  on<K extends keyof TransportListeners>(name: K, listener: TransportListeners[K]): void {
    this.listeners[name].push(listener);
  }
}

function connection(failures: (Error | undefined)[], random: () => number) {
  const sleeps: number[] = [];
  const outcome: string[] = [];
  const policy: ReconnectPolicy = {
    attempts: 3,
    baseDelayMs: 500,
    maxDelayMs: 4_000,
    random,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    slots: new ReconnectSlots(4),
  };
  const opened: ScriptedTransport[] = [];
  const provider = new ProviderConnection({
    call: { id: "call-1", companyId: "company-1" },
    openTransport: () => {
      const transport = new ScriptedTransport(failures[opened.length]);
      opened.push(transport);
      return transport;
    },
    session: { type: "realtime" },
    memory: new ConversationMemory(),
    journal: { event: () => {} },
    metrics: createBridgeMetrics(),
    logger: pino({ level: "silent" }),
    onEvent: () => {},
    onReady: () => outcome.push("ready"),
    onLost: () => {},
    onUnavailable: async () => {
      outcome.push("unavailable");
    },
    onRefused: async (refusal) => {
      outcome.push(`refused:${refusal.label}`);
    },
    onStalled: () => {},
    onFault: (error) => outcome.push(`fault:${String(error)}`),
    policy,
  });
  return { provider, sleeps, outcome, opened };
}

const overloaded = () => new ProviderRefusal(503, null, "HTTP 503");

describe("reconnecting to the provider", () => {
  it("waits a full-jitter backoff: a random share of a doubling bound, capped", () => {
    const policy = { baseDelayMs: 500, maxDelayMs: 4_000, random: () => 0.5 } as ReconnectPolicy;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(policy, attempt))).toEqual([
      250, 500, 1_000, 2_000, 2_000, 2_000,
    ]);
  });

  it("spreads calls that lost the provider together over the whole wait", () => {
    let seed = 7;
    // A small deterministic generator (a linear congruential one): the same spread on every run.
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const policy = { baseDelayMs: 500, maxDelayMs: 4_000, random } as ReconnectPolicy;
    const delays = Array.from({ length: 200 }, () => backoffDelayMs(policy, 1));
    expect(new Set(delays).size).toBeGreaterThan(150);
    expect(Math.min(...delays)).toBeLessThan(50);
    expect(Math.max(...delays)).toBeGreaterThan(450);
  });

  it("retries an overloaded provider with jittered waits, then gives up to the operator path", async () => {
    const randoms = [0.1, 0.6, 0.9];
    const { provider, sleeps, outcome, opened } = connection(
      [overloaded(), overloaded(), overloaded(), overloaded()],
      () => randoms.shift() ?? 0,
    );
    await provider.open();
    expect(opened).toHaveLength(4);
    expect(sleeps).toEqual([50, 600, 1_800]);
    expect(outcome).toEqual(["unavailable"]);
  });

  it.each([
    [new ProviderRefusal(401, null, "HTTP 401"), "http_401"],
    [new ProviderRefusal(403, null, "HTTP 403"), "http_403"],
    [new ProviderRefusal(401, "invalid_api_key", "bad key"), "invalid_api_key"],
    [new ProviderRefusal(429, "insufficient_quota", "quota"), "insufficient_quota"],
  ])("does not retry a refusal no retry can fix (%s)", async (refusal, label) => {
    const { provider, sleeps, outcome, opened } = connection([refusal], () => 0.5);
    await provider.open();
    expect(opened).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(outcome).toEqual([`refused:${label}`]);
  });

  it("stops retrying when a retry meets an auth refusal", async () => {
    const { provider, outcome, opened } = connection(
      [overloaded(), new ProviderRefusal(401, "invalid_api_key", "bad key")],
      () => 0.5,
    );
    await provider.open();
    expect(opened).toHaveLength(2);
    expect(outcome).toEqual(["refused:invalid_api_key"]);
  });

  it("retries a rate limit", async () => {
    const { provider, outcome, opened } = connection(
      [new ProviderRefusal(429, "rate_limit_exceeded", "slow down")],
      () => 0.5,
    );
    await provider.open();
    expect(opened).toHaveLength(2);
    expect(outcome).toEqual(["ready"]);
  });
});

describe("reconnect slots", () => {
  it("let at most `limit` reconnections run at once; the others wait their turn", async () => {
    const slots = new ReconnectSlots(2);
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((n) =>
      slots.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        finished.push(n);
      }),
    );
    for (let released = 0; released < 5; released++) {
      await expect.poll(() => releases.length).toBeGreaterThan(released);
      expect(running).toBeLessThanOrEqual(2);
      releases[released]?.();
    }
    await Promise.all(tasks);
    expect(most).toBe(2);
    expect(finished).toEqual([0, 1, 2, 3, 4]);
  });
});
