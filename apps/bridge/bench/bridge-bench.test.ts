import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const BENCH = fileURLToPath(new URL("./bridge-bench.ts", import.meta.url));

describe("the bridge benchmark", () => {
  it("runs both bridges at a tiny size and prints their rows and the ratio", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [BENCH, "--calls", "2", "--seconds", "1"],
      {
        timeout: 180_000,
      },
    );
    // Koe started once before the table, so that each row's start finds Node's compile cache filled.
    expect(stdout).toMatch(/^Koe's first start (found|filled) Node's compile cache.*idle RSS \d+\.\d MB/m);
    const rows = stdout.split("\n").filter((line) => line.startsWith("| 2 |"));
    expect(rows.map((row) => row.split("|")[2]?.trim())).toEqual(["reference", "koe", "**koe / reference**"]);
    // Every call streamed on both bridges, and no frame was lost on the way.
    for (const row of rows.slice(0, 2)) {
      const cells = row.split("|").map((cell) => cell.trim());
      expect(cells[3]).toBe("0");
      // Write syscalls per frame, read from /proc.
      expect(cells[6]).toMatch(/^\d+\.\d\d$/);
      expect(cells[9]).toBe("0 / 0");
    }
    // Under the rows, Koe's own counts of what it did not relay: nothing.
    expect(stdout).toMatch(
      /^ {2}koe at 2 calls, its own counts: frames dropped 0 in \/ 0 out, discarded on purpose 0, OpenAI sockets replaced 0$/m,
    );
  }, 200_000);

  it("refuses a baseline it does not know", async () => {
    await expect(
      promisify(execFile)(process.execPath, [BENCH, "--baseline", "pipecat"], { timeout: 60_000 }),
    ).rejects.toThrow(/--baseline is reference or koe, not pipecat/);
  });
});
