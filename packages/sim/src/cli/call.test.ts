import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../scenarios/fixtures.ts";
import { lines, runCli } from "./run-cli.testing.ts";

const simCall = (...args: string[]) => runCli("call.ts", ...args);

describe("pnpm sim:call", () => {
  it("--help prints the usage and one line per scenario, and exits 0", async () => {
    const { code, stdout, stderr } = await simCall("--help");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: pnpm sim:call/);
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
  ])("refuses %j with one line on stderr and a non-zero exit", async (args, named) => {
    const { code, stdout, stderr } = await simCall(...args);
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    expect(lines(stderr)).toEqual([expect.stringContaining(named)]);
  });
});
