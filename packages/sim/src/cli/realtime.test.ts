import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../scenarios/fixtures.ts";

/** The CLIs run on Node 24 (type stripping): this one, or the repository's `node` devDependency. */
const node = process.versions.node.startsWith("24.")
  ? process.execPath
  : fileURLToPath(new URL("../../../../node_modules/.bin/node", import.meta.url));
const cli = fileURLToPath(new URL("./realtime.ts", import.meta.url));

async function simRealtime(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(node, [cli, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

describe("pnpm sim:realtime", () => {
  it("--help prints the usage and one line per scenario, and exits 0", async () => {
    const { code, stdout, stderr } = await simRealtime("--help");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: pnpm sim:realtime/);
    for (const scenario of Object.values(SCENARIOS)) {
      expect(lines(stdout).filter((line) => line.includes(scenario.description))).toEqual([
        expect.stringMatching(new RegExp(`^\\s+${scenario.name}\\s`)),
      ]);
    }
  });

  it.each([
    [["--nope"], "--nope"],
    [["--scenario", "nope"], "nope"],
    [["extra"], "extra"],
    [["--latency", "soon"], "--latency"],
    [["--transcription-delay", "9-1"], "--transcription-delay"],
    [["--refuse-session", "nope"], "--refuse-session"],
  ])("refuses %j with one line on stderr and exit 2", async (args, named) => {
    const { code, stdout, stderr } = await simRealtime(...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(lines(stderr)).toEqual([expect.stringContaining(named)]);
  });
});
