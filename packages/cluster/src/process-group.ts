import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { haproxyConfig, type Upstream } from "./haproxy-config.ts";
import { startHaproxy } from "./haproxy-process.ts";

export type ProcessGroupOptions = {
  /** Which app: its processes are the `bridges` or the `apis` of the HAProxy configuration. */
  role: "bridges" | "apis";
  /** The built entry point each process runs (`apps/<app>/dist/main.js`). */
  entry: string;
  count: number;
  /** HAProxy's public address. */
  listen: { host: string; port: number };
  /** Process i (from 0): its name (a bridge's BRIDGE_INSTANCE), internal port and environment. */
  processEnv(index: number): { name: string; port: number; env: Record<string, string> };
  log(message: string): void;
};

/** A process that crashes is started again after this long, doubling up to a minute while it keeps crashing. */
const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 60_000;
/** A process that ran this long before it crashed is not crash-looping: its delay starts over. */
const HEALTHY_RUN_MS = 60_000;

export type ProcessGroup = {
  /** Each process by name, with its current pid (a restarted process gets a new one). */
  pids(): Map<string, number | undefined>;
  /** Stops the processes with `signal` (they finish their calls), then HAProxy. */
  stop(signal: NodeJS.Signals): Promise<void>;
  /** Resolves once everything has stopped; with `false` when HAProxy failed on its own. */
  done: Promise<boolean>;
};

/**
 * `count` processes of one app on loopback, each under its own name and port, behind HAProxy on
 * `listen`. A process that dies is started again under the same name, so streams routed to it keep
 * their address (the survivors' lease reaping has ended its calls meanwhile). `stop` stops the
 * processes first (they finish their calls) and HAProxy last, which carries those calls.
 */
export async function runProcessGroup(options: ProcessGroupOptions): Promise<ProcessGroup> {
  const members = Array.from({ length: options.count }, (_, index) => options.processEnv(index));
  const upstreams: Upstream[] = members.map((m) => ({ name: m.name, host: "127.0.0.1", port: m.port }));
  let stopping = false;
  const children = new Map<number, ChildProcess>();

  const run = (index: number, delayMs: number) => {
    const member = members[index];
    if (!member || stopping) return;
    const startedAt = Date.now();
    // The supervisor's own V8 flags (the package's start script) reach every process it runs.
    const child = spawn(process.execPath, [...process.execArgv, options.entry], {
      env: { ...process.env, ...member.env },
      stdio: "inherit",
      // Its own process group: Ctrl-C reaches the supervisor only, which stops everything in order.
      detached: true,
    });
    children.set(index, child);
    child.once("exit", (code, signal) => {
      children.delete(index);
      if (stopping) return;
      const delay = Date.now() - startedAt > HEALTHY_RUN_MS ? FIRST_RESTART_DELAY_MS : delayMs;
      options.log(`${member.name} exited (${signal ?? code}); starting it again in ${delay / 1000} s`);
      setTimeout(() => run(index, Math.min(delay * 2, MAX_RESTART_DELAY_MS)), delay).unref();
    });
  };
  for (const index of members.keys()) run(index, FIRST_RESTART_DELAY_MS);

  const config = haproxyConfig({
    bind: `${options.listen.host}:${options.listen.port}`,
    [options.role]: upstreams,
  });
  const haproxy = await startHaproxy(config, options.listen, {
    detached: true,
    onOutput: (text) => process.stderr.write(text),
  }).catch((error: unknown) => {
    stopping = true;
    for (const child of children.values()) child.kill("SIGTERM");
    throw error;
  });
  options.log(
    `${members.length} processes (${members.map((m) => `${m.name} on ${m.port}`).join(", ")}) behind HAProxy on ${options.listen.host}:${options.listen.port} (${haproxy.configFile})`,
  );

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.log(`${signal}: stopping the processes, then HAProxy`);
    await Promise.all(
      [...children.values()].map(async (child) => {
        const exited = once(child, "exit");
        child.kill(signal);
        await exited;
      }),
    );
    await haproxy.stop();
  };
  const done = haproxy.exited.then(async (code) => {
    if (stopping) return true;
    // Without HAProxy nothing reaches the processes: stop them, and let the service manager restart all.
    options.log(`HAProxy exited (${code}): stopping the processes`);
    await stop("SIGTERM");
    return false;
  });
  return {
    pids: () => new Map(members.map((m, index) => [m.name, children.get(index)?.pid])),
    stop,
    done,
  };
}
