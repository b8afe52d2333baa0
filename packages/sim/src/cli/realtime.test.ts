import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../scenarios/fixtures.ts";
import { lines, runCli } from "./run-cli.testing.ts";

const simRealtime = (...args: string[]) => runCli("realtime.ts", ...args);

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
