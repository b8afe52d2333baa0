import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

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
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: embeddedServerUrl(port),
    port,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
