import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { connect, createServer, type Socket } from "node:net";

export type TcpProxy = {
  /** `url` with its host and port replaced by the proxy's. */
  url: string;
  /** The database "goes down": every connection is cut and new ones are refused. */
  cut(): void;
  restore(): void;
  /** Clients connected through it whose connection has not closed yet. */
  openConnections(): number;
  close(): Promise<void>;
};

/**
 * A loopback TCP proxy in front of a database, to simulate an outage in tests. With
 * `answerDelayMs`, the database's answers reach the client that much later, in order: a client
 * whose event loop is busy (a bridge at full load) takes as long to act on each answer, and a
 * client that closes its connection sees it closed that much later.
 */
export async function startTcpProxy(
  url: string,
  options: { answerDelayMs?: number } = {},
): Promise<TcpProxy> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  let down = false;
  // Half-open as PostgreSQL's own socket is: a client that ends its side still waits for the server's.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    if (down) return client.destroy();
    clients.add(client);
    client.on("close", () => clients.delete(client));
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    const delayMs = options.answerDelayMs;
    if (delayMs === undefined) upstream.pipe(client);
    else {
      upstream.on("data", (chunk: Buffer) => setTimeout(() => client.write(chunk), delayMs));
      upstream.on("end", () => setTimeout(() => client.end(), delayMs));
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const proxied = new URL(url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    openConnections: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
