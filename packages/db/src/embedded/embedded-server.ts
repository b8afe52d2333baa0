import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import type { PGLiteSocketHandler, PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import { ProtocolQueue } from "./protocol-queue.ts";

export type EmbeddedServer = {
  /** postgresql:// URL any PostgreSQL client (Prisma, pg, psql) can use. */
  url: string;
  port: number;
  close(): Promise<void>;
};

/** Concurrent client connections the socket multiplexer accepts (PGlite itself runs one query at a time). */
const MAX_CONNECTIONS = 64;

export function embeddedServerUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

/**
 * Starts PGlite (in `dataDir`, or in memory when omitted) and serves it over the PostgreSQL wire
 * protocol on loopback, so several processes can share one embedded database.
 */
export async function startEmbeddedServer(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedServer> {
  // Loaded here, not at import: a process on a real PostgreSQL never carries PGlite's WebAssembly.
  const [{ PGlite }, { PGLiteSocketHandler }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-socket"),
  ]);
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  // pglite-socket's handler parses the wire protocol per connection; the queue that shares the one
  // PGlite session between connections is ours (see ProtocolQueue). Its option is typed as the
  // library's private class, which ours replaces method for method.
  const queryQueue = new ProtocolQueue(db) as unknown as PGLiteSocketHandlerOptions["queryQueue"];
  const handlers = new Set<PGLiteSocketHandler>();
  const server = createServer((socket: Socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    handlers.add(handler);
    socket.once("close", () => handlers.delete(handler));
    void handler.attach(socket);
  });
  server.maxConnections = MAX_CONNECTIONS;
  try {
    server.listen(options.port ?? 0, "127.0.0.1");
    await once(server, "listening");
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: embeddedServerUrl(port),
    port,
    async close() {
      for (const handler of handlers) await handler.detach(true);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
