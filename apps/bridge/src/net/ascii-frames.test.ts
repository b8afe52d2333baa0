import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { AsciiFrames } from "./ascii-frames.ts";

const HEAD = Buffer.from('{"audio":"');
const TAIL = Buffer.from('"}');
/** Bodies either side of each length form: 7-bit, 16-bit, and past 64 KiB (ws's own framing). */
const TEXTS = [
  "",
  "a",
  "x".repeat(113),
  "x".repeat(114),
  "QUJD+/=".repeat(40),
  "y".repeat(65_523),
  "z".repeat(70_000),
];

function body(text: string): string {
  return `${HEAD.toString()}${text}${TAIL.toString()}`;
}

describe("ASCII frames written beside ws", () => {
  let server: WebSocketServer;
  afterEach(() => {
    for (const socket of server.clients) socket.terminate();
    return new Promise((resolve) => server.close(resolve));
  });

  /** A ws server and a ws client on loopback; `side` is the end whose frames are written by hand. */
  async function pair(side: "server" | "client") {
    server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    const accepted = once(server, "connection") as Promise<[WebSocket, { socket: Duplex }]>;
    await once(server, "listening");
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const upgraded = once(client, "upgrade") as Promise<[{ socket: Duplex }]>;
    const [[serverSocket, request], [response]] = await Promise.all([
      accepted,
      upgraded,
      once(client, "open"),
    ]);
    const [writer, reader] = side === "server" ? [serverSocket, client] : [client, serverSocket];
    const frames = new AsciiFrames(writer, side === "server" ? request.socket : response.socket, {
      masked: side === "client",
    });
    const received: string[] = [];
    reader.on("message", (data, isBinary) => received.push(isBinary ? "(binary)" : data.toString()));
    return { writer, reader, frames, received };
  }

  for (const side of ["server", "client"] as const) {
    it(`are read by ws as the texts written, in order with ws's own frames (${side} side)`, async () => {
      const { writer, frames, received } = await pair(side);
      for (const text of TEXTS) frames.write(HEAD, text, TAIL);
      writer.send("from ws");
      frames.writeTwo(HEAD, "media", TAIL, HEAD, "a1", TAIL);
      frames.writeTwo(HEAD, "w".repeat(70_000), TAIL, HEAD, "a2", TAIL);
      const expected = [
        ...TEXTS.map(body),
        "from ws",
        body("media"),
        body("a1"),
        body("w".repeat(70_000)),
        body("a2"),
      ];
      await expect.poll(() => received.length).toBe(expected.length);
      expect(received).toEqual(expected);
    });
  }

  it("write nothing once the socket is closing, so no frame follows the close frame", async () => {
    const { writer, reader, frames, received } = await pair("server");
    writer.close(1000, "done");
    frames.write(HEAD, "late", TAIL);
    frames.writeTwo(HEAD, "late", TAIL, HEAD, "a3", TAIL);
    const [code] = (await once(reader, "close")) as [number];
    expect(code).toBe(1000);
    expect(frames.open).toBe(false);
    expect(received).toEqual([]);
  });

  it("count what the peer has not read in ws's bufferedAmount", async () => {
    const { writer, reader, frames } = await pair("server");
    (reader as unknown as { _socket: Duplex })._socket.pause();
    const payload = "b".repeat(60_000);
    for (let i = 0; i < 300; i++) frames.write(HEAD, payload, TAIL);
    expect(writer.bufferedAmount).toBeGreaterThan(5_000_000);
  });
});
