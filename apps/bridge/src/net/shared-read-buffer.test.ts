import { once } from "node:events";
import { type AddressInfo, createServer, connect as netConnect, type Server, type Socket } from "node:net";
import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { createServer as createTlsServer, connect as tlsConnect } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { selfSignedCertificate } from "../testing/self-signed-certificate.ts";
import { readIntoSharedBuffer } from "./shared-read-buffer.ts";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.close();
    await once(server, "close");
  }
});

/** A server on loopback, and a connected client with the socket the server accepted for it. */
async function connectedPair(server: Server = createServer()): Promise<{ client: Socket; accepted: Socket }> {
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const accepted = once(server, "connection") as Promise<[Socket]>;
  const client = netConnect((server.address() as AddressInfo).port, "127.0.0.1");
  await once(client, "connect");
  return { client, accepted: (await accepted)[0] };
}

/** Reads `socket` into the shared buffer; what it read, copied, and the buffers the reads were views of. */
function switched(socket: Socket): { text: () => string; buffers: Set<ArrayBufferLike>; dataEvents: number } {
  const chunks: Buffer[] = [];
  const seen = {
    text: () => Buffer.concat(chunks).toString(),
    buffers: new Set<ArrayBufferLike>(),
    dataEvents: 0,
  };
  socket.on("data", () => seen.dataEvents++);
  expect(
    readIntoSharedBuffer(socket, (bytes) => {
      seen.buffers.add(bytes.buffer);
      chunks.push(Buffer.from(bytes));
    }),
  ).toBe(true);
  return seen;
}

describe("reading into the shared read buffer", () => {
  it("reads an accepted socket and a connected one into the same buffer, every read in order", async () => {
    const { client, accepted } = await connectedPair();
    const byServer = switched(accepted);
    const byClient = switched(client);
    for (const word of ["one ", "two ", "three "]) {
      client.write(word);
      accepted.write(word.toUpperCase());
      await sleep(20);
    }
    await expect.poll(() => byServer.text()).toBe("one two three ");
    await expect.poll(() => byClient.text()).toBe("ONE TWO THREE ");
    // One buffer for every read of both sockets, and none of them went through the stream.
    expect(new Set([...byServer.buffers, ...byClient.buffers]).size).toBe(1);
    expect(byServer.dataEvents + byClient.dataEvents).toBe(0);
    client.destroy();
  });

  it("still ends and closes the socket when its peer hangs up", async () => {
    const { client, accepted } = await connectedPair();
    const byServer = switched(accepted);
    const ended = once(accepted, "end");
    const closed = once(accepted, "close");
    client.end("last words");
    await ended;
    accepted.end();
    await closed;
    expect(byServer.text()).toBe("last words");
  });

  it("leaves a TLS socket, OpenAI's side in production, to Node's own reads", async () => {
    const server = createTlsServer(selfSignedCertificate(), (socket) => socket.end("secret"));
    servers.push(server);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const client = tlsConnect({ port: (server.address() as AddressInfo).port, rejectUnauthorized: false });
    await once(client, "secureConnect");
    expect(readIntoSharedBuffer(client, () => {})).toBe(false);
    const chunks: Buffer[] = [];
    client.on("data", (chunk: Buffer) => chunks.push(chunk));
    await once(client, "end");
    expect(Buffer.concat(chunks).toString()).toBe("secret");
    client.destroy();
  });

  it("leaves a stream that is no socket, or a socket already switched, to its 'data' events", async () => {
    expect(readIntoSharedBuffer(new PassThrough(), () => {})).toBe(false);
    const { client, accepted } = await connectedPair();
    switched(accepted);
    expect(readIntoSharedBuffer(accepted, () => {})).toBe(false);
    client.destroy();
  });
});
