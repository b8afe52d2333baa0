import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { WebSocket, WebSocketServer } from "ws";
import { readTextFrames } from "../net/text-frame-reader.ts";

// Raw WebSocket peers for the text frame reader's tests: a TCP peer that writes hand-made frames,
// split into the reads a test asks for, to a ws socket with or without the reader, and records
// what that socket saw and what it sent back.

/** The peers' `maxPayload`, on both sides. */
export const MAX_PAYLOAD = 1024;
const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

export type FrameSpec = {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  rsv?: number;
  /** Mask it (a client's frame), or not (a server's), whatever the role. */
  masked?: boolean;
  /** Write the length in 64 bits even when it is short. */
  longLength?: boolean;
};

/** One frame as the peer writes it; `masked` is its role's default (a client masks). */
export function encode(spec: FrameSpec, masked: boolean): Buffer {
  const { payload } = spec;
  const mask = (spec.masked ?? masked) ? randomBytes(4) : null;
  const lengthBytes = spec.longLength || payload.length > 0xffff ? 8 : payload.length > 125 ? 2 : 0;
  const head = Buffer.alloc(2 + lengthBytes + (mask ? 4 : 0));
  head[0] = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | spec.opcode;
  const lengthCode = lengthBytes === 8 ? 127 : lengthBytes === 2 ? 126 : payload.length;
  head[1] = (mask ? 0x80 : 0) | lengthCode;
  if (lengthBytes === 2) head.writeUInt16BE(payload.length, 2);
  if (lengthBytes === 8) head.writeBigUInt64BE(BigInt(payload.length), 2);
  if (!mask) return Buffer.concat([head, payload]);
  mask.copy(head, 2 + lengthBytes);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (mask[i & 3] as number);
  return Buffer.concat([head, body]);
}

/** The frames the bridge's side wrote back to the peer (pongs, its close), as opcode:payload. */
function decodeAll(bytes: Buffer): string[] {
  const frames: string[] = [];
  let at = 0;
  while (bytes.length - at >= 2) {
    const opcode = (bytes[at] as number) & 0x0f;
    const masked = ((bytes[at + 1] as number) & 0x80) !== 0;
    let length = (bytes[at + 1] as number) & 0x7f;
    let body = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2);
      body += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at + 2));
      body += 8;
    }
    const mask = masked ? bytes.subarray(body, body + 4) : null;
    if (mask) body += 4;
    const payload = Buffer.from(bytes.subarray(body, body + length));
    if (mask)
      for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i & 3] as number);
    frames.push(`${opcode}:${payload.toString("hex")}`);
    at = body + length;
  }
  return frames;
}

/** What the bridge's side of one connection saw, and what it sent back. */
export type Seen = { events: string[]; returned: string[] };

function record(socket: WebSocket, events: string[]): (text: string) => void {
  socket.on("message", (data, isBinary) =>
    events.push(
      isBinary ? `binary ${Buffer.from(data as Buffer).toString("hex")}` : `text ${data.toString()}`,
    ),
  );
  socket.on("ping", (data) => events.push(`ping ${data.toString("hex")}`));
  socket.on("pong", (data) => events.push(`pong ${data.toString("hex")}`));
  socket.on("error", (error) => events.push(`error ${(error as { code?: string }).code}`));
  return (text) => events.push(`text ${text}`);
}

/** Writes `bytes` in the given pieces, each its own write, then half-closes. */
async function writePieces(socket: Socket, bytes: Buffer, cuts: number[]): Promise<void> {
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    if (cut <= from) continue;
    await new Promise<void>((resolve) => socket.write(bytes.subarray(from, cut), () => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
    from = cut;
  }
  socket.end();
}

const servers: (Server | WebSocketServer)[] = [];

/** Keeps a server to close with `closePeers`. */
export function trackServer(...started: (Server | WebSocketServer)[]): void {
  servers.push(...started);
}

/** Closes every server the peers and `trackServer` started. */
export async function closePeers(): Promise<void> {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
}

/** The bridge as a server (Twilio's side): a ws server, the peer a raw client writing masked frames. */
export async function asServer(bytes: Buffer, cuts: number[], withReader: boolean): Promise<Seen> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", maxPayload: MAX_PAYLOAD });
  servers.push(wss);
  await once(wss, "listening");
  const events: string[] = [];
  const closed = new Promise<void>((resolve) => {
    wss.on("connection", (socket, req) => {
      const onText = record(socket, events);
      if (withReader) readTextFrames(socket, req.socket, { masked: true, maxPayload: MAX_PAYLOAD, onText });
      socket.on("close", (code, reason) => {
        events.push(`close ${code} ${reason.toString()}`);
        resolve();
      });
    });
  });
  const peer = connect((wss.address() as AddressInfo).port, "127.0.0.1");
  peer.write(
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const received: Buffer[] = [];
  peer.on("data", (chunk) => received.push(chunk));
  peer.on("error", () => {});
  while (!Buffer.concat(received).includes("\r\n\r\n")) await once(peer, "data");
  await writePieces(peer, bytes, cuts);
  await closed;
  await sleep(5);
  peer.destroy();
  const all = Buffer.concat(received);
  return { events, returned: decodeAll(all.subarray(all.indexOf("\r\n\r\n") + 4)) };
}

/** The bridge as a client (OpenAI's side): a ws client, the peer a raw server writing unmasked frames. */
export async function asClient(bytes: Buffer, cuts: number[], withReader: boolean): Promise<Seen> {
  const received: Buffer[] = [];
  const server = createServer((peer) => {
    peer.on("error", () => {});
    let request = "";
    const onRequest = (chunk: Buffer) => {
      request += chunk.toString("latin1");
      if (!request.includes("\r\n\r\n")) return;
      peer.off("data", onRequest);
      peer.on("data", (data) => received.push(data));
      const key = /sec-websocket-key: (\S+)/i.exec(request)?.[1] ?? "";
      const accept = createHash("sha1")
        .update(key + GUID)
        .digest("base64");
      // The response and the first frames in one write: ws gets them as the upgrade's `head`.
      const response = Buffer.from(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      const first = cuts[0] ?? 0;
      peer.write(Buffer.concat([response, bytes.subarray(0, first)]));
      void writePieces(
        peer,
        bytes.subarray(first),
        cuts.slice(1).map((cut) => cut - first),
      );
    };
    peer.on("data", onRequest);
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
    maxPayload: MAX_PAYLOAD,
    perMessageDeflate: false,
  });
  const events: string[] = [];
  const onText = record(socket, events);
  socket.once("upgrade", (response) => {
    socket.once("open", () =>
      withReader
        ? readTextFrames(socket, response.socket, { masked: false, maxPayload: MAX_PAYLOAD, onText })
        : undefined,
    );
  });
  // Not `once`: it would reject at the 'error' ws emits before closing.
  await new Promise<void>((resolve) =>
    socket.on("close", (code, reason) => {
      events.push(`close ${code} ${reason.toString()}`);
      resolve();
    }),
  );
  await sleep(5);
  return { events, returned: decodeAll(Buffer.concat(received)) };
}

// Opcodes written from RFC 6455, not taken from the reader under test.
const TEXT = 0x1;
export const BINARY = 0x2;
export const CONTINUATION = 0x0;
export const CLOSE = 0x8;
export const PING = 0x9;
export const PONG = 0xa;

export function closePayload(code: number, reason = ""): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}

export const text = (value: string | Buffer, extra: Partial<FrameSpec> = {}): FrameSpec => ({
  opcode: TEXT,
  payload: Buffer.isBuffer(value) ? value : Buffer.from(value),
  ...extra,
});
