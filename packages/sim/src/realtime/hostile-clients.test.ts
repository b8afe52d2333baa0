import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { synthesizeSilence, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { ReferenceClient } from "../testing/reference-client.ts";
import { RealtimeSimulator } from "./realtime-simulator.ts";

const CLIENT_EVENT_TYPES = [
  "session.update",
  "input_audio_buffer.append",
  "input_audio_buffer.commit",
  "input_audio_buffer.clear",
  "conversation.item.create",
  "conversation.item.retrieve",
  "conversation.item.truncate",
  "conversation.item.delete",
  "response.create",
  "response.cancel",
];

const SMALL_OBJECT = fc.object({ maxDepth: 1, maxKeys: 4 });

/** Frames a careless or hostile client may send: any text, any JSON, events with random fields. */
const frame = fc.oneof(
  fc.string(),
  fc.json({ maxDepth: 2 }),
  fc
    .record({
      type: fc.constantFrom(...CLIENT_EVENT_TYPES),
      event_id: fc.option(fc.string(), { nil: undefined }),
      session: fc.option(SMALL_OBJECT, { nil: undefined }),
      item: fc.option(SMALL_OBJECT, { nil: undefined }),
      item_id: fc.option(fc.string(), { nil: undefined }),
      audio: fc.option(fc.base64String(), { nil: undefined }),
      response: fc.option(SMALL_OBJECT, { nil: undefined }),
      audio_end_ms: fc.option(fc.integer(), { nil: undefined }),
      content_index: fc.option(fc.integer(), { nil: undefined }),
    })
    .map((event) => JSON.stringify(event)),
);

async function rawSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(`${url}?model=gpt-realtime-2.1`, { headers: { Authorization: "Bearer sk" } });
  await once(socket, "open");
  return socket;
}

const closeOf = (socket: WebSocket) => once(socket, "close").then(([code]) => Number(code));

const CLI = fileURLToPath(new URL("../cli/realtime.ts", import.meta.url));

/** A healthy session that completes a caller turn and the answer to it. */
async function completesATurn(client: ReferenceClient): Promise<void> {
  client.appendAudio(Buffer.concat([synthesizeSpeech(800), synthesizeSilence(700)]));
  await client.next("input_audio_buffer.committed");
  expect((await client.next("response.done")).response.status).toBe("completed");
}

async function healthySession(url: string): Promise<ReferenceClient> {
  const client = await ReferenceClient.connect(url);
  client.send({
    type: "session.update",
    session: { type: "realtime", audio: { input: { format: { type: "audio/pcmu" } } } },
  });
  await client.next("session.updated");
  return client;
}

describe("one hostile client leaves the simulator process serving the others", () => {
  // The simulator as the demo and the benchmark run it: its own process, where an unheard
  // socket error would end it (and every session in it).
  let child: ChildProcess;
  let url: string;
  let healthy: ReferenceClient;
  beforeAll(async () => {
    child = spawn(process.execPath, [CLI, "--port", "0", "--latency", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    url = await new Promise<string>((resolve) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        const found = /listening at (\S+)/.exec(chunk.toString());
        if (found?.[1]) resolve(found[1]);
      });
    });
    healthy = await healthySession(url);
  });
  afterAll(async () => {
    await completesATurn(healthy);
    expect(child.exitCode).toBeNull();
    await healthy.close();
    child.kill();
  });

  it("closes a client whose frame is over the limit (1009), and only that client", async () => {
    const socket = await rawSocket(url);
    const closed = closeOf(socket);
    socket.send(Buffer.alloc(110 * 1024 * 1024, 0x61), { binary: false });
    expect(await closed).toBe(1009);
  });

  it("closes a client whose text frame is not UTF-8 (1007), and only that client", async () => {
    const socket = await rawSocket(url);
    const closed = closeOf(socket);
    socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
  });
});

describe("random frames from one client", () => {
  let sim: RealtimeSimulator;
  let healthy: ReferenceClient;
  beforeAll(async () => {
    sim = await RealtimeSimulator.start({ audioPace: 50 });
    healthy = await healthySession(sim.url);
  });
  afterAll(async () => {
    await completesATurn(healthy);
    await healthy.close();
    await sim.close();
  });

  it("answers 10,000 random frames with events or errors, never a crash or an internal error", async () => {
    const client = await ReferenceClient.connect(sim.url);
    const frames = fc.sample(frame, { numRuns: 10_000, seed: 13 });
    for (const f of frames) client.sendRaw(f);
    // A marker after them all: its answer means every frame before it was handled.
    client.send({ type: "conversation.item.retrieve", event_id: "evt_marker", item_id: "item_marker" });
    await client.next("error", (e) => e.error.event_id === "evt_marker", 120_000);
    const session = sim.sessions.at(-1);
    const internal = session?.sent.filter((e) => e.type === "error" && e.error.type === "server_error");
    expect(internal).toEqual([]);
    await client.close();
  });
});
