import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

/** Debian's HAProxy (scripts/ensure-haproxy.sh installs it); HAPROXY_PATH points elsewhere. */
export const HAPROXY_PATH = process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy";

/** `haproxy -c -f <file>`: whether HAProxy accepts the configuration, and what it said. */
export async function checkHaproxyConfig(file: string): Promise<{ valid: boolean; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(HAPROXY_PATH, ["-c", "-f", file]);
    return { valid: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { valid: false, output: `${failed.stdout ?? ""}${failed.stderr ?? failed.message}` };
  }
}

export type RunningHaproxy = {
  /** The configuration file it runs (in a directory of its own, removed by `stop`). */
  configFile: string;
  /** Its output so far (alerts, servers going up and down). */
  output: string[];
  /** Resolves when HAProxy exits, with its exit code. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
};

/**
 * Runs HAProxy in the foreground with `config` once HAProxy has accepted it, and resolves when it
 * accepts connections on `listen` (its frontend's address).
 */
export async function startHaproxy(
  config: string,
  listen: { host: string; port: number },
  options: {
    onOutput?: (text: string) => void;
    /** In a process group of its own, so a Ctrl-C does not stop it before the calls it carries end. */
    detached?: boolean;
  } = {},
): Promise<RunningHaproxy> {
  const dir = await mkdtemp(join(tmpdir(), "koe-haproxy-"));
  const configFile = join(dir, "haproxy.cfg");
  await writeFile(configFile, config);
  const check = await checkHaproxyConfig(configFile);
  if (!check.valid) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`HAProxy refused the generated configuration:\n${check.output}`);
  }
  const child = spawn(HAPROXY_PATH, ["-db", "-f", configFile], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (chunk) => {
      output.push(String(chunk));
      options.onOutput?.(String(chunk));
    });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const stop = async () => {
    await stopHaproxy(child, exited);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (!(await accepts(listen))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`HAProxy did not listen on ${listen.host}:${listen.port}:\n${output.join("")}`);
    }
    await sleep(100);
  }
  return { configFile, output, exited, stop };
}

async function stopHaproxy(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await exited;
}

function accepts(target: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(target.port, target.host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
