import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The CLIs run on Node 24 (type stripping): this one, or the repository's `node` devDependency. */
const node = process.versions.node.startsWith("24.")
  ? process.execPath
  : fileURLToPath(new URL("../../../../node_modules/.bin/node", import.meta.url));

/** Runs one of this folder's CLIs (`call.ts`, `realtime.ts`) with `args`: its exit code and output. */
export async function runCli(file: string, ...args: string[]) {
  const cli = fileURLToPath(new URL(`./${file}`, import.meta.url));
  try {
    const { stdout, stderr } = await promisify(execFile)(node, [cli, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** The non-blank lines of an output. */
export const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");
