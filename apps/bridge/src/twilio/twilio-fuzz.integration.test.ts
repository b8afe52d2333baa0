import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import {
  appendsReceived,
  mediaFrame,
  openMediaStream,
  startFrame,
  startLiveCall,
} from "../testing/media-stream-client.ts";

/** Fixed, so a failure replays exactly (fast-check prints the seed and path of a failing case). */
const SEED = 20261206;
const WAIT = { timeout: 15_000, interval: 50 };
/** Stands for the CallSid of each run's victim call, which exists only once the run starts. */
const PLACEHOLDER = "CA-victim";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON object. */
function paths(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([key, inner]) => paths(inner, [...prefix, key]))];
}

/** A copy of `value` with the value at `path` replaced (or removed when `replacement` is undefined). */
function mutateAt(value: Json, path: string[], replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, Json> = { ...(value as Record<string, Json>) };
  const [head = "", ...rest] = path;
  const inner = mutateAt(copy[head] ?? null, rest, replacement);
  if (inner === undefined) delete copy[head];
  else copy[head] = inner;
  return copy;
}

const replacementArb: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.string(),
  fc.constant("x".repeat(20_000)),
  fc.jsonValue() as fc.Arbitrary<Json>,
);

/** Twilio's frames for one call, each with one field dropped, nulled, retyped or oversized; and plain garbage. */
function frameArb(callSid: string): fc.Arbitrary<string | Uint8Array> {
  const bases: Json[] = [
    // On a live stream, any second start is a violation; its token does not matter.
    JSON.parse(startFrame(callSid, "forged.token")),
    JSON.parse(mediaFrame()),
    { event: "mark", sequenceNumber: "3", streamSid: "MZ1", mark: { name: "item_1:1" } },
    { event: "dtmf", sequenceNumber: "4", streamSid: "MZ1", dtmf: { track: "inbound_track", digit: "5" } },
    { event: "connected", protocol: "Call", version: "1.0.0" },
  ];
  const mutated = fc
    .constantFrom(...bases)
    .chain((base) => fc.tuple(fc.constant(base), fc.constantFrom(...paths(base)), replacementArb))
    .map(([base, path, replacement]) => JSON.stringify(mutateAt(base, path, replacement) ?? null));
  return fc.oneof(
    { weight: 8, arbitrary: mutated },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );
}

describe("fuzzing the Twilio boundary", () => {
  let bridge: BridgeHarness;
  let next = 0;
  const newCallSid = () => `CA${String(++next).padStart(32, "9")}`;

  beforeAll(async () => {
    bridge = await startBridgeHarness({ env: { MEDIA_STREAM_MAX_PENDING: "1000" } });
    await bridge.db.prisma.company.updateMany({ data: { maxConcurrentCalls: 1000 } });
  });
  afterAll(() => bridge.close());

  it("survives mutated media-stream frames: untouched calls keep their audio, garbage writes no events", async () => {
    const untouched = await Promise.all([1, 2, 3].map(() => startLiveCall(bridge, newCallSid())));
    const heapBefore = process.memoryUsage().heapUsed;
    let frames = 0;
    let chunk = 1;
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 40, max: 80 })
          .chain((n) => fc.array(frameArb(PLACEHOLDER), { minLength: n, maxLength: n })),
        async (batch) => {
          const victim = await startLiveCall(bridge, newCallSid());
          const waiting = await openMediaStream(bridge);
          for (const frame of batch) {
            const data = typeof frame === "string" ? frame.replaceAll(PLACEHOLDER, victim.callSid) : frame;
            for (const socket of [victim.stream.socket, waiting.socket])
              if (socket.readyState === socket.OPEN) socket.send(data);
            frames++;
          }
          chunk++;
          for (const call of untouched) call.stream.socket.send(mediaFrame("MZ1", chunk));
          await vi.waitFor(async () => {
            for (const call of untouched) expect(await appendsReceived(bridge, call.callSid)).toBe(chunk - 1);
          }, WAIT);
          victim.stream.socket.close();
          waiting.socket.close();
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
    await bridge.ctx.journal.drain();
    const errors = await bridge.db.prisma.callEvent.count({ where: { type: "error" } });
    expect(errors).toBe(0);
    for (const call of untouched) {
      expect(call.stream.socket.readyState).toBe(call.stream.socket.OPEN);
      expect(
        (await bridge.db.prisma.callSession.findUniqueOrThrow({ where: { callSid: call.callSid } })).status,
      ).toBe("active");
    }
    expect((await fetch(`${bridge.url}/healthz`)).status).toBe(200);
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    console.info(`twilio fuzz: ${frames} frames, heap +${heapGrowthMb.toFixed(1)} MB`);
    expect(heapGrowthMb).toBeLessThan(150);
  }, 120_000);

  it("answers mutated and forged webhooks with a clear status, never a 500", async () => {
    const live = await startLiveCall(bridge, newCallSid());
    const field = fc.oneof(fc.string({ maxLength: 40 }), fc.constant("x".repeat(5_000)), fc.constant(""));
    const body = fc.record(
      {
        CallSid: fc.oneof(fc.constant(newCallSid()), fc.stringMatching(/^CA[0-9a-f]{32}$/), field),
        AccountSid: field,
        From: fc.oneof(fc.constant("+819011112222"), field),
        To: fc.oneof(fc.constant("+815012345678"), field),
        CallStatus: fc.oneof(fc.constantFrom("ringing", "in-progress", "busy", "failed", "no-answer"), field),
        CallDuration: fc.oneof(fc.nat().map(String), field),
      },
      { requiredKeys: [] },
    );
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/twilio/voice", "/api/twilio/status"),
        body,
        fc.boolean(),
        async (path, params, forged) => {
          const res = await bridge.post(path, params, forged ? "not-the-auth-token" : undefined);
          requests++;
          expect(res.status).toBeLessThan(500);
          if (forged) expect(res.status).toBe(403);
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
    console.info(`twilio webhook fuzz: ${requests} requests`);
    live.stream.socket.send(mediaFrame("MZ1", 1));
    await vi.waitFor(async () => expect(await appendsReceived(bridge, live.callSid)).toBe(1), WAIT);
    expect((await fetch(`${bridge.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
