import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";

export type UnresponsiveServer = {
  /** A postgresql:// URL to a "database" that accepts connections and never answers. */
  url: string;
  close(): Promise<void>;
};

/** A hung database for tests: a loopback TCP server that accepts every connection and stays silent. */
export async function startUnresponsiveServer(): Promise<UnresponsiveServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgresql://koe@127.0.0.1:${port}/koe`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A postgresql:// URL to a loopback port nothing listens on (connections are refused at once). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `postgresql://koe@127.0.0.1:${port}/koe`;
}
