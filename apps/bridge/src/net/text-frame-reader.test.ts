import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { readTextFrames } from "./text-frame-reader.ts";

// The reader must leave every WebSocket exactly as ws alone would: the same messages in the same
// order, the same pings and pongs, the same close code and the same bytes back to the peer, however
// the bytes are split across reads. Each case runs twice, with and without the reader, against a
// raw TCP peer that writes hand-made frames.

const MAX_PAYLOAD = 1024;
const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

type FrameSpec = {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  rsv?: number;
  /** Mask it (a client's frame), or not (a server's), whatever the role. */
  masked?: boolean;
  /** Write the length in 64 bits even when it is short. */
  longLength?: boolean;
};

function encode(spec: FrameSpec, masked: boolean): Buffer {
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
type Seen = { events: string[]; returned: string[] };

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
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

/** The bridge as a server (Twilio's side): a ws server, the peer a raw client writing masked frames. */
async function asServer(bytes: Buffer, cuts: number[], withReader: boolean): Promise<Seen> {
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
async function asClient(bytes: Buffer, cuts: number[], withReader: boolean): Promise<Seen> {
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

const TEXT = 0x1;
const BINARY = 0x2;
const CONTINUATION = 0x0;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

function closePayload(code: number, reason = ""): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}

const text = (value: string | Buffer, extra: Partial<FrameSpec> = {}): FrameSpec => ({
  opcode: TEXT,
  payload: Buffer.isBuffer(value) ? value : Buffer.from(value),
  ...extra,
});

/** Every kind of frame a peer may send, in protocol or not. */
function randomFrame(random: () => number, role: "server" | "client"): FrameSpec[] {
  const pick = Math.floor(random() * 100);
  const ascii = (n: number) => Buffer.from(Array.from({ length: n }, () => 32 + Math.floor(random() * 95)));
  if (pick < 45) return [text(ascii(Math.floor(random() * 300)))];
  if (pick < 50) return [text(ascii(126 + Math.floor(random() * 700)))];
  if (pick < 53) return [text(ascii(Math.floor(random() * 60)), { longLength: true })];
  if (pick < 58) return [text("着信です。ご用件をどうぞ 🙂")];
  if (pick < 60) return [text("a\uFFFDb")];
  if (pick < 62) return [text(Buffer.from([0x61, 0xc3, 0x28]))];
  if (pick < 63) return [text(Buffer.from([0xed, 0xa0, 0x80]))];
  if (pick < 64) return [text(ascii(MAX_PAYLOAD + 1))];
  if (pick < 66) return [{ opcode: BINARY, payload: ascii(20) }];
  if (pick < 70)
    return [
      text("part one, ", { fin: false }),
      ...(random() < 0.5 ? [{ opcode: PING, payload: Buffer.from("mid") }] : []),
      { opcode: CONTINUATION, payload: Buffer.from("part two") },
    ];
  if (pick < 78) return [{ opcode: PING, payload: ascii(Math.floor(random() * 126)) }];
  if (pick < 84) return [{ opcode: PONG, payload: ascii(Math.floor(random() * 20)) }];
  if (pick < 85) return [{ opcode: PING, payload: ascii(200) }];
  if (pick < 86) return [{ opcode: PING, payload: Buffer.alloc(0), fin: false }];
  if (pick < 88) return [text("rsv", { rsv: 4 })];
  if (pick < 90) return [text("wrong mask", { masked: role === "client" })];
  if (pick < 91) return [{ opcode: 0x3, payload: Buffer.from("reserved") }];
  if (pick < 92) return [{ opcode: CONTINUATION, payload: Buffer.from("no start") }];
  if (pick < 95) return [{ opcode: CLOSE, payload: closePayload(random() < 0.5 ? 1000 : 4000, "bye") }];
  if (pick < 96) return [{ opcode: CLOSE, payload: closePayload(1005) }];
  if (pick < 97) return [{ opcode: CLOSE, payload: Buffer.from([0x03]) }];
  return [{ opcode: CLOSE, payload: Buffer.alloc(0) }];
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A self-signed certificate for 127.0.0.1, made with Debian's openssl. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "koe-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-subj",
      "/CN=127.0.0.1",
      "-days",
      "1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
}

describe("the text frame reader", () => {
  it("reads ahead of ws on a TLS socket too, as OpenAI's side is in production", async () => {
    const https = createHttpsServer(selfSignedCertificate());
    const wss = new WebSocketServer({ server: https });
    servers.push(wss, https);
    https.listen(0, "127.0.0.1");
    await once(https, "listening");
    wss.on("connection", (peer) => {
      peer.send("first");
      peer.ping("tls");
      peer.send("x".repeat(70_000));
    });
    const socket = new WebSocket(`wss://127.0.0.1:${(https.address() as AddressInfo).port}/`, {
      rejectUnauthorized: false,
      perMessageDeflate: false,
    });
    const byReader: string[] = [];
    const byWs: string[] = [];
    socket.on("message", (data) => byWs.push(data.toString()));
    socket.once("upgrade", (response) => {
      socket.once("open", () =>
        readTextFrames(socket, response.socket, {
          masked: false,
          maxPayload: 100_000,
          onText: (text) => byReader.push(text),
        }),
      );
    });
    const pinged = once(socket, "ping");
    await expect.poll(() => byReader.length).toBe(2);
    expect(byReader).toEqual(["first", "x".repeat(70_000)]);
    expect(byWs).toEqual([]);
    expect(String(((await pinged) as [Buffer])[0])).toBe("tls");
    socket.close();
    await once(socket, "close");
  });

  for (const role of ["server", "client"] as const) {
    const run = role === "server" ? asServer : asClient;
    const masked = role === "server";

    it(`as a ${role}: reads many frames in one read, and a frame split byte by byte, as ws does`, async () => {
      const frames = [
        text('{"event":"media","payload":"AAAA"}'),
        text("x".repeat(300)),
        text(""),
        text("日本語"),
        { opcode: CLOSE, payload: closePayload(1000, "done") },
      ];
      const bytes = Buffer.concat(frames.map((frame) => encode(frame, masked)));
      const together = await run(bytes, [], true);
      expect(together.events).toEqual([
        'text {"event":"media","payload":"AAAA"}',
        `text ${"x".repeat(300)}`,
        "text ",
        "text 日本語",
        "close 1000 done",
      ]);
      const byteByByte = await run(
        bytes,
        Array.from({ length: bytes.length }, (_, i) => i),
        true,
      );
      expect(byteByByte).toEqual(together);
      expect(await run(bytes, [], false)).toEqual(together);
    });

    it(`as a ${role}: answers a ping, then leaves a binary message and all after it to ws, in order`, async () => {
      const frames = [
        text("before"),
        { opcode: PING, payload: Buffer.from("are you there") },
        { opcode: BINARY, payload: Buffer.from([1, 2, 3]) },
        text("after"),
      ];
      const bytes = Buffer.concat(frames.map((frame) => encode(frame, masked)));
      const seen = await run(bytes, [], true);
      expect(seen.events).toEqual([
        "text before",
        `ping ${Buffer.from("are you there").toString("hex")}`,
        "binary 010203",
        "text after",
        "close 1006 ",
      ]);
      expect(seen.returned[0]).toBe(`${PONG}:${Buffer.from("are you there").toString("hex")}`);
      expect(await run(bytes, [], false)).toEqual(seen);
    });

    it(`as a ${role}: leaves 600 random streams, split at random, exactly as ws alone leaves them`, async () => {
      const random = seeded(role === "server" ? 7 : 11);
      for (let i = 0; i < 600; i++) {
        const frames = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
          randomFrame(random, role),
        ).flat();
        const bytes = Buffer.concat(frames.map((frame) => encode(frame, masked)));
        const cuts = Array.from({ length: Math.floor(random() * 6) }, () =>
          Math.floor(random() * bytes.length),
        );
        const [alone, withReader] = [await run(bytes, cuts, false), await run(bytes, cuts, true)];
        expect({ case: i, ...withReader }).toEqual({ case: i, ...alone });
      }
    }, 120_000);
  }
});
