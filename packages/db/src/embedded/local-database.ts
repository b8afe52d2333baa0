import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type MigrateResult, migrate } from "../migrations/migrate.ts";
import { type EmbeddedServer, embeddedServerUrl, startEmbeddedServer } from "./embedded-server.ts";

/** Where the serving process says how to reach it: `{ pid, port }`. */
const INFO_FILE = "pglite.json";
/** Held by the serving process for as long as it serves; only one process may open the data. */
const LOCK_FILE = "pglite.lock";
const STARTUP_WAIT_MS = 30_000;

export type LocalDatabase = {
  url: string;
  /** The server when this process serves the database, null when another process does. */
  server: EmbeddedServer | null;
  /** What starting the server migrated; null when another process serves it. */
  migration: MigrateResult | null;
};

type ServerInfo = { pid: number; port: number };

/**
 * The embedded database under `dataRoot`: joins the one another local process already serves, or
 * starts serving it from this process (and migrates it). Safe when several processes start at once.
 */
export async function openLocalDatabase(dataRoot: string): Promise<LocalDatabase> {
  mkdirSync(dataRoot, { recursive: true });
  const deadline = Date.now() + STARTUP_WAIT_MS;
  while (Date.now() < deadline) {
    const info = readInfo(dataRoot);
    if (info && processExists(info.pid) && (await isListening(info.port))) {
      return { url: embeddedServerUrl(info.port), server: null, migration: null };
    }
    if (takeLock(dataRoot)) {
      return serve(dataRoot);
    }
    await sleep(100);
  }
  throw new Error(`The embedded database in ${dataRoot} did not come up within ${STARTUP_WAIT_MS / 1000} s`);
}

async function serve(dataRoot: string): Promise<LocalDatabase> {
  const release = () => {
    rmSync(join(dataRoot, INFO_FILE), { force: true });
    rmSync(join(dataRoot, LOCK_FILE), { force: true });
  };
  let server: EmbeddedServer;
  let migration: MigrateResult;
  try {
    server = await startEmbeddedServer({ dataDir: join(dataRoot, "pglite") });
    migration = await migrate(server.url);
  } catch (error) {
    release();
    throw error;
  }
  writeFileSync(
    join(dataRoot, INFO_FILE),
    JSON.stringify({ pid: process.pid, port: server.port } satisfies ServerInfo),
  );
  process.once("exit", release);
  return {
    url: server.url,
    migration,
    server: {
      ...server,
      async close() {
        process.off("exit", release);
        await server.close();
        release();
      },
    },
  };
}

function readInfo(dataRoot: string): ServerInfo | null {
  try {
    const info = JSON.parse(readFileSync(join(dataRoot, INFO_FILE), "utf8")) as Partial<ServerInfo>;
    return typeof info.pid === "number" && typeof info.port === "number"
      ? { pid: info.pid, port: info.port }
      : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock atomically (a hard link fails when the lock exists, and the file is complete
 * before it appears); a lock left by a dead process is removed so the next attempt can take it.
 */
function takeLock(dataRoot: string): boolean {
  const path = join(dataRoot, LOCK_FILE);
  const candidate = `${path}.${process.pid}`;
  writeFileSync(candidate, String(process.pid));
  try {
    linkSync(candidate, path);
    return true;
  } catch {
    const holder = readPid(path);
    if (holder !== null && !processExists(holder)) rmSync(path, { force: true });
    return false;
  } finally {
    rmSync(candidate, { force: true });
  }
}

function readPid(path: string): number | null {
  try {
    return Number.parseInt(readFileSync(path, "utf8"), 10);
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists on this machine. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
