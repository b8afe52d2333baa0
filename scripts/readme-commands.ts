// The commands the README shows (```sh blocks and inline `./koe …` / `pnpm …` spans), and
// whether each names a real command: a `./koe` command its usage knows, a pnpm script that exists.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;
const ENV_ASSIGNMENT = /^[A-Z_][A-Z0-9_]*=\S*$/;
const PNPM_BUILTINS = new Set(["install", "exec", "add", "remove", "update", "dlx"]);

/** Every command line the README shows, `a && b` split into two. */
export function readmeCommands(markdown: string): string[] {
  const lines: string[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    lines.push(...(block[1] ?? "").split("\n").filter((l) => l.trim() && !l.trim().startsWith("#")));
  }
  for (const span of markdown.matchAll(/`((?:[A-Z_][A-Z0-9_]*=\S* )*(?:\.\/koe|pnpm|source)(?: [^`]*)?)`/g)) {
    lines.push(span[1] ?? "");
  }
  // A span with "…" shows a command's form (`./koe pnpm …`), not a command to run.
  return lines
    .flatMap((l) => l.split("&&"))
    .map((c) => c.trim())
    .filter((c) => !c.includes("…"));
}

/** Why the command would not run as written, or undefined when it names a real command. */
export function checkCommand(command: string): string | undefined {
  const words = command.split(/\s+/).filter((w) => !ENV_ASSIGNMENT.test(w));
  const [program, ...args] = words;
  if (program === "./koe") {
    if (args[0] === "pnpm") return checkPnpm(args.slice(1));
    const run = spawnSync(join(ROOT, "koe"), [...args, "--help"], { encoding: "utf8" });
    return run.status === 0 ? undefined : `./koe does not know it: ${run.stderr.split("\n")[0]}`;
  }
  // ./koe installs pnpm into .tools/ without putting it on the reader's PATH.
  if (program === "pnpm")
    return "pnpm is not on the PATH after ./koe dev: write ./koe pnpm … or a ./koe command";
  if (program === "source") return existsSync(join(ROOT, args[0] ?? "")) ? undefined : `no file ${args[0]}`;
  return `not a ./koe or pnpm command`;
}

function checkPnpm(args: string[]): string | undefined {
  let dir = ROOT;
  let rest = args.filter((a) => a !== "--silent");
  if (rest[0] === "--filter") {
    const dirs = ["apps", "packages"].flatMap((g) => readdirSync(join(ROOT, g)).map((n) => join(ROOT, g, n)));
    const found = dirs.find((d) => existsSync(join(d, "package.json")) && readPackage(d).name === rest[1]);
    if (!found) return `no package ${rest[1]}`;
    dir = found;
    rest = rest.slice(2);
  }
  const [script] = rest;
  if (!script) return "no script named";
  if (PNPM_BUILTINS.has(script)) return undefined;
  return readPackage(dir).scripts?.[script]
    ? undefined
    : `no script "${script}" in ${join(dir, "package.json")}`;
}

function readPackage(dir: string): { name?: string; scripts?: Record<string, string> } {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
}
