import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { AsciiFrames, asciiJsonString, READ_WRITES } from "./ascii-frames.ts";

const HEAD = '{"audio":"';
const TAIL = '"}';
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
  return `${HEAD}${text}${TAIL}`;
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
    const tcp = side === "server" ? request.socket : response.socket;
    return { writer, reader, frames, received, tcp };
  }

  for (const side of ["server", "client"] as const) {
    it(`are read by ws as the texts written, in order with what goes through ws (${side} side)`, async () => {
      const { frames, received } = await pair(side);
      for (const text of TEXTS) frames.write(HEAD, text, TAIL);
      frames.send("from ws");
      frames.write(HEAD, "media", TAIL);
      frames.write(HEAD, "a1", TAIL);
      await Promise.resolve();
      frames.write(HEAD, "w".repeat(70_000), TAIL);
      frames.write(HEAD, "a2", TAIL);
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
    expect(frames.write(HEAD, "late", TAIL)).toBe(false);
    frames.send("late too");
    const [code] = (await once(reader, "close")) as [number];
    expect(code).toBe(1000);
    expect(frames.open).toBe(false);
    expect(received).toEqual([]);
  });

  it("written in one turn of the event loop leave in one write, and alone in one each", async () => {
    const { frames, received, tcp } = await pair("client");
    const writes = vi.spyOn(tcp, "write");
    for (let i = 0; i < 5; i++) frames.write(HEAD, `burst ${i}`, TAIL);
    expect(writes).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(writes).toHaveBeenCalledTimes(1);
    frames.write(HEAD, "alone", TAIL);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveBeenCalledTimes(2);
    await expect.poll(() => received.length).toBe(6);
    expect(received).toEqual([0, 1, 2, 3, 4].map((i) => body(`burst ${i}`)).concat(body("alone")));
  });

  it("written while a read is held leave in one write when it is released, without a microtask", async () => {
    const { frames, received, tcp } = await pair("client");
    const writes = vi.spyOn(tcp, "write");
    READ_WRITES.hold();
    frames.write(HEAD, "first", TAIL);
    // A read handled inside another (a frame's handler reading a socket) releases with the outer one.
    READ_WRITES.hold();
    frames.write(HEAD, "second", TAIL);
    READ_WRITES.release();
    expect(writes).not.toHaveBeenCalled();
    READ_WRITES.release();
    expect(writes).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(writes).toHaveBeenCalledTimes(1);
    await expect.poll(() => received.length).toBe(2);
    expect(received).toEqual([body("first"), body("second")]);
  });

  it("written before a close reach the peer before it, and none go after it", async () => {
    const { reader, frames, received } = await pair("server");
    frames.write(HEAD, "last words", TAIL);
    frames.close(1000, "done");
    expect(frames.write(HEAD, "too late", TAIL)).toBe(false);
    // A second close (a call ending twice) is nothing.
    frames.close(1011, "again");
    const [code] = (await once(reader, "close")) as [number];
    expect(code).toBe(1000);
    expect(received).toEqual([body("last words")]);
  });

  it("are dropped if the socket closes in the same turn, so no frame follows the close frame", async () => {
    const { writer, reader, frames, received } = await pair("server");
    frames.write(HEAD, "unsent", TAIL);
    writer.close(1000, "closed under the frames");
    await once(reader, "close");
    expect(received).toEqual([]);
  });

  it("end their socket, not the process, if the write to TCP throws", async () => {
    const { reader, frames, tcp } = await pair("server");
    vi.spyOn(tcp, "write").mockImplementation(() => {
      throw new Error("broken pipe");
    });
    frames.write(HEAD, "doomed", TAIL);
    const [code] = (await once(reader, "close")) as [number];
    expect(code).toBe(1006);
    expect(frames.bufferedBytes).toBe(0);
  });

  it("count what the peer has not read, from the moment they are written", async () => {
    const { reader, frames } = await pair("server");
    (reader as unknown as { _socket: Duplex })._socket.pause();
    frames.write(HEAD, "b", TAIL);
    expect(frames.bufferedBytes).toBe(2 + HEAD.length + 1 + TAIL.length);
    const payload = "b".repeat(60_000);
    for (let i = 0; i < 300; i++) frames.write(HEAD, payload, TAIL);
    await Promise.resolve();
    expect(frames.bufferedBytes).toBeGreaterThan(5_000_000);
  });
});

describe("asciiJsonString", () => {
  it("writes any string as a JSON literal in 7-bit ASCII that parses back to it", () => {
    for (const value of ["MZ0123", 'quote " and \\ back', "通話😀\u007f\u0080", "\ud800"]) {
      const literal = asciiJsonString(value);
      expect([...literal].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
      expect(JSON.parse(literal)).toBe(value);
    }
  });
});
