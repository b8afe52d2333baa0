import { once } from "node:events";
import { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { queryObjects } from "node:v8";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { createBridgeMetrics } from "../http/metrics.ts";
import { OpenAITransport } from "./openai-transport.ts";

/** A transport to `server` on loopback. */
function transportTo(server: WebSocketServer, options: { heartbeatMs?: number } = {}): OpenAITransport {
  return new OpenAITransport({
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/realtime`,
    apiKey: "sk-test",
    model: "gpt-realtime-2.1",
    logger: pino({ level: "silent" }),
    metrics: createBridgeMetrics(),
    ...options,
  });
}

describe("the OpenAI transport's heartbeat", () => {
  let server: WebSocketServer;
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  async function peer(onConnection: (socket: import("ws").WebSocket) => void) {
    // autoPong off: a peer that never answers pings, like a half-open TCP connection.
    server = new WebSocketServer({ port: 0, host: "127.0.0.1", autoPong: false });
    server.on("connection", onConnection);
    await once(server, "listening");
    const transport = transportTo(server, { heartbeatMs: 50 });
    const closes: { expected: boolean }[] = [];
    transport.on("close", (info) => closes.push(info));
    await transport.connect();
    return { transport, closes };
  }

  it("ends a socket that answers neither pings nor with events, as a lost connection", async () => {
    const { closes } = await peer(() => {});
    await expect.poll(() => closes, { timeout: 5_000 }).toHaveLength(1);
    expect(closes[0]?.expected).toBe(false);
  });

  it("keeps a socket whose peer streams events but answers pings late", async () => {
    let streaming: NodeJS.Timeout | undefined;
    const { transport, closes } = await peer((socket) => {
      streaming = setInterval(() => socket.send(JSON.stringify({ type: "rate_limits.updated" })), 10);
    });
    // Ten heartbeat intervals without a single pong.
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(streaming);
    expect(closes).toHaveLength(0);
    transport.close();
  });
});

describe("the OpenAI transport's connection", () => {
  it("keeps nothing of its handshake once open: the upgrade's response goes to the garbage collector", async () => {
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await once(server, "listening");
    const connect = async () => {
      const transport = transportTo(server);
      await transport.connect();
      return transport;
    };
    // Counted after a full garbage collection; the server keeps none of its own either.
    const responses = () => queryObjects(IncomingMessage, { format: "count" }) as number;
    const before = responses();
    const transports = await Promise.all(Array.from({ length: 10 }, connect));
    // Each live call held its upgrade's response (its headers, its request) as long as it lasted.
    expect(responses() - before).toBe(0);
    for (const transport of transports) transport.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
