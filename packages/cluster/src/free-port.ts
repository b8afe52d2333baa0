import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Ports from here up to the kernel's ephemeral range are the ones `freePort` hands out. */
const LOWEST = 10_000;

/**
 * The first port the kernel gives outgoing connections (Linux: 32768). A port handed out below
 * it can never be taken, between `freePort` and the child's listen, by one of the many outgoing
 * connections a test run opens (a child failed to start with EADDRINUSE that way, under CI's load).
 */
function ephemeralPortsStart(): number {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/);
    const port = Number(low);
    return Number.isInteger(port) && port > LOWEST + 1_000 ? port : 32_768;
  } catch {
    return 32_768;
  }
}

async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  server.listen(port);
  const outcome = await Promise.race([
    once(server, "listening").then(() => true),
    once(server, "error").then(() => false),
  ]);
  if (outcome) await new Promise<void>((resolve) => server.close(() => resolve()));
  return outcome;
}

/**
 * Ports this process handed out: a port is free again once its taker stops listening, and a test
 * picking twenty at once would otherwise get one twice now and then.
 */
const handedOut = new Set<number>();

/**
 * A port nobody listens on right now, on every address (as the apps listen), for a child process
 * to take: chosen at random below the ephemeral range, so that neither outgoing connections nor,
 * most likely, another test's pick take it first; never one this process handed out before.
 */
export async function freePort(): Promise<number> {
  const end = ephemeralPortsStart();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (end - LOWEST));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port)) return port;
    handedOut.delete(port);
  }
  throw new Error(`no free port found between ${LOWEST} and ${end}`);
}
