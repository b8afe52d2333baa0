import { once } from "node:events";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import {
  asClient,
  asServer,
  BINARY,
  CLOSE,
  CONTINUATION,
  closePayload,
  closePeers,
  encode,
  type FrameSpec,
  MAX_PAYLOAD,
  PING,
  PONG,
  text,
  trackServer,
} from "../testing/raw-websocket-peer.ts";
import { selfSignedCertificate } from "../testing/self-signed-certificate.ts";
import { readTextFrames } from "./text-frame-reader.ts";

// The reader must leave every WebSocket exactly as ws alone would: the same messages in the same
// order, the same pings and pongs, the same close code and the same bytes back to the peer, however
// the bytes are split across reads. Each case runs twice, with and without the reader, against a
// raw TCP peer that writes hand-made frames (`testing/raw-websocket-peer.ts`).

afterAll(closePeers);

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

describe("the text frame reader", () => {
  it("reads ahead of ws on a TLS socket too, as OpenAI's side is in production", async () => {
    const https = createHttpsServer(selfSignedCertificate());
    const wss = new WebSocketServer({ server: https });
    trackServer(wss, https);
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
