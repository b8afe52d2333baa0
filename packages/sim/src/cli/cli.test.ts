import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../scenarios/fixtures.ts";
import { lines, runCli } from "./run-cli.testing.ts";

const REFUSED_BY_BOTH: [string[], string][] = [
  [["--nope"], "--nope"],
  [["--scenario", "nope"], "nope"],
  [["extra"], "extra"],
];

describe.each([
  { name: "sim:call", file: "call.ts", refused: REFUSED_BY_BOTH },
  {
    name: "sim:realtime",
    file: "realtime.ts",
    refused: [
      ...REFUSED_BY_BOTH,
      [["--latency", "soon"], "--latency"],
      [["--transcription-delay", "9-1"], "--transcription-delay"],
      [["--refuse-session", "nope"], "--refuse-session"],
    ] satisfies [string[], string][],
  },
])("pnpm $name", ({ name, file, refused }) => {
  it("--help prints the usage and one line per scenario, and exits 0", async () => {
    const { code, stdout, stderr } = await runCli(file, "--help");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(new RegExp(`^Usage: pnpm ${name}`));
    for (const scenario of Object.values(SCENARIOS)) {
      expect(lines(stdout).filter((line) => line.includes(scenario.description))).toEqual([
        expect.stringMatching(new RegExp(`^\\s+${scenario.name}\\s`)),
      ]);
    }
  });

  it.each(refused)("refuses %j with one line on stderr and exit 2", async (args, named) => {
    const { code, stdout, stderr } = await runCli(file, ...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(lines(stderr)).toEqual([expect.stringContaining(named)]);
  });
});
